import { useEffect, useState } from 'react';

type Status = 'checking' | 'ready' | 'not ready';

/** The web app's shell. The agent workspace grows from here. */
export function App() {
  const [status, setStatus] = useState<Status>('checking');

  useEffect(() => {
    fetch('/readyz')
      .then((response) => setStatus(response.ok ? 'ready' : 'not ready'))
      .catch(() => setStatus('not ready'));
  }, []);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', margin: '4rem auto', maxWidth: '40rem' }}>
      <h1>Tessera</h1>
      <p>The self-hostable help desk.</p>
      <p>
        Server: <strong data-testid="server-status">{status}</strong>
      </p>
      <p>
        <a href="/api/docs">API documentation</a>
      </p>
    </main>
  );
}
