import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}

export function ErrorMessage({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="error" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function NotFoundPage() {
  return (
    <main className="page" id="content">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/inbox/mine">Go to your inbox</Link>.
      </p>
    </main>
  );
}

/** Shown when a screen fails to load or render (e.g. a lazy chunk after a deploy). */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Something went wrong.';
  return (
    <main className="page" id="content">
      <h1>This screen could not be shown</h1>
      <p role="alert">{message}</p>
      <p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </p>
    </main>
  );
}
