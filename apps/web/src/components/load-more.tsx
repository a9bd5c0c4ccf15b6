import type { Paged } from '../api/use-paged.js';
import { ErrorMessage } from '../layout/status.js';

/** The end of a paged list: its errors, a loading note, and "Load more". */
export function ListFooter<T>({ list, noun }: { list: Paged<T>; noun: string }) {
  return (
    <>
      {list.error && <ErrorMessage message={list.error} onRetry={list.reload} />}
      <div className="list-footer">
        <span className="muted small" aria-live="polite">
          {list.loading ? 'Loading…' : `${list.items.length} ${noun} shown`}
        </span>
        {list.hasMore && (
          <button type="button" onClick={list.loadMore} disabled={list.loading}>
            Load more
          </button>
        )}
      </div>
    </>
  );
}
