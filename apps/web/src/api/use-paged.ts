// A cursor-paginated list with "load more", for the admin screens.
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './problem.js';

export interface Paged<T> {
  items: T[];
  hasMore: boolean;
  loading: boolean;
  error: string | undefined;
  loadMore: () => void;
  reload: () => void;
}

export function usePaged<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
  deps: readonly unknown[],
): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const [generation, setGeneration] = useState(0);
  const pageRef = useRef(page);
  pageRef.current = page;
  const run = useRef(0);

  useEffect(() => {
    const id = ++run.current;
    setLoading(true);
    pageRef
      .current(undefined)
      .then((result) => {
        if (run.current !== id) return;
        setItems(result.items);
        setCursor(result.nextCursor);
        setError(undefined);
      })
      .catch((failure: unknown) => {
        if (run.current === id) setError(errorMessage(failure));
      })
      .finally(() => {
        if (run.current === id) setLoading(false);
      });
  }, [...deps, generation]);

  const loadMore = useCallback(() => {
    if (!cursor) return;
    const id = run.current;
    setLoading(true);
    pageRef
      .current(cursor)
      .then((result) => {
        if (run.current !== id) return;
        setItems((current) => [...current, ...result.items]);
        setCursor(result.nextCursor);
      })
      .catch((failure: unknown) => {
        if (run.current === id) setError(errorMessage(failure));
      })
      .finally(() => {
        if (run.current === id) setLoading(false);
      });
  }, [cursor]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { items, hasMore: cursor !== null, loading, error, loadMore, reload };
}
