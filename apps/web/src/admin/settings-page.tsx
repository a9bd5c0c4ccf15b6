// Help-desk-wide settings.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { errorMessage, unwrap } from '../api/problem.js';
import { useResource } from '../api/use-resource.js';
import { StatusLine, type Outcome } from '../components/status-line.js';
import { ErrorMessage, Loading } from '../layout/status.js';

export function SettingsPage() {
  const settings = useResource(async () => unwrap(await api.GET('/api/v1/settings')), []);
  const [ticketHook, setTicketHook] = useState('');
  const [autoClose, setAutoClose] = useState('7');
  const [outcome, setOutcome] = useState<Outcome>(null);

  useEffect(() => {
    if (!settings.data) return;
    setTicketHook(settings.data.ticketHook);
    setAutoClose(String(settings.data.autoCloseAfterDays));
  }, [settings.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      settings.setData(
        unwrap(
          await api.PATCH('/api/v1/settings', {
            body: { ticketHook, autoCloseAfterDays: Number(autoClose) },
          }),
        ),
      );
      setOutcome({ ok: true, text: 'Settings saved.' });
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  if (settings.error) return <ErrorMessage message={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <Loading />;
  return (
    <section>
      <h1>Settings</h1>
      <form className="stack-form panel" aria-label="Settings" onSubmit={(e) => void submit(e)}>
        <label>
          Ticket hook
          <input
            required
            maxLength={20}
            pattern="[A-Za-z0-9#:._\-]+"
            value={ticketHook}
            onChange={(e) => setTicketHook(e.target.value)}
            aria-describedby="hook-help"
          />
        </label>
        <p id="hook-help" className="muted small">
          Marks ticket numbers in mail subjects: <code>[{ticketHook || 'Ticket#'}10042]</code>.
        </p>
        <label>
          Close resolved tickets after (days without activity; 0 never)
          <input
            type="number"
            min={0}
            max={365}
            required
            value={autoClose}
            onChange={(e) => setAutoClose(e.target.value)}
          />
        </label>
        <div className="form-actions">
          <button type="submit" className="primary">
            Save settings
          </button>
        </div>
      </form>
      <StatusLine outcome={outcome} />
    </section>
  );
}
