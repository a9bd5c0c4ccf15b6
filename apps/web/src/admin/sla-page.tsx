// SLA policies (which tickets, which targets, counted in which business hours) and the business
// calendars they count in.
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useQueues } from '../api/directory.js';
import { errorMessage, unwrap } from '../api/problem.js';
import type {
  Holiday,
  NewSlaCalendar,
  NewSlaPolicy,
  SlaCalendar,
  SlaPolicy,
  TicketPriority,
  Week,
} from '../api/types.js';
import { TICKET_PRIORITIES } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { formatSpan, PRIORITY_LABELS } from '../components/format.js';
import { StatusLine, type Outcome } from '../components/status-line.js';

type Channel = NonNullable<NonNullable<NewSlaPolicy['conditions']>['channels']>[number];
const CHANNELS: Channel[] = ['email', 'api', 'web', 'portal'];
const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const satisfies readonly (keyof Week)[];

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const minutes = (value: number | null) => (value === null ? '—' : formatSpan(value * 60_000));

export function SlaPage() {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const policies = useResource(async () => unwrap(await api.GET('/api/v1/sla/policies')).items, []);
  const calendars = useResource(
    async () => unwrap(await api.GET('/api/v1/sla/calendars')).items,
    [],
  );
  const [editingPolicy, setEditingPolicy] = useState<string | null>(null);
  const [editingCalendar, setEditingCalendar] = useState<string | null>(null);
  const queues = useQueues();
  const queueName = (id: string) => queues.data?.find((queue) => queue.id === id)?.name ?? id;

  function appliesTo(policy: SlaPolicy): string {
    const { queueIds, priorities, tiers, channels, tags } = policy.conditions;
    const parts = [
      queueIds.length ? `queues ${queueIds.map(queueName).join(', ')}` : '',
      priorities.length ? `priority ${priorities.map((p) => PRIORITY_LABELS[p]).join(', ')}` : '',
      tiers.length ? `tier ${tiers.join(', ')}` : '',
      channels.length ? `channel ${channels.join(', ')}` : '',
      tags.length ? `tagged ${tags.join(', ')}` : '',
    ].filter(Boolean);
    return parts.length ? parts.join('; ') : 'Every ticket';
  }

  async function removePolicy(policy: SlaPolicy) {
    try {
      unwrap(
        await api.DELETE('/api/v1/sla/policies/{id}', { params: { path: { id: policy.id } } }),
      );
      setOutcome({ ok: true, text: `Policy ${policy.name} deleted.` });
      policies.reload();
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  async function removeCalendar(calendar: SlaCalendar) {
    try {
      unwrap(
        await api.DELETE('/api/v1/sla/calendars/{id}', { params: { path: { id: calendar.id } } }),
      );
      setOutcome({ ok: true, text: `Calendar ${calendar.name} deleted.` });
      calendars.reload();
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  return (
    <section>
      <h1>SLA policies and business calendars</h1>
      <StatusLine outcome={outcome} />
      <section className="panel" aria-labelledby="policies-title">
        <h2 id="policies-title">Policies</h2>
        <p className="muted small">
          Tried in order; the first whose conditions all hold applies to a ticket. Targets count in
          the business hours of the policy&apos;s calendar.
        </p>
        <details className="create-form">
          <summary>New policy</summary>
          <PolicyForm
            label="New policy"
            submitLabel="Create policy"
            calendars={calendars.data ?? []}
            onSaved={(saved) => {
              setOutcome({ ok: true, text: `Policy ${saved.name} created.` });
              policies.reload();
            }}
          />
        </details>
        <table className="data-table">
          <caption className="sr-only">SLA policies</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Policy</th>
              <th scope="col">Applies to</th>
              <th scope="col">First response</th>
              <th scope="col">Next response</th>
              <th scope="col">Resolution</th>
              <th scope="col">Calendar</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(policies.data ?? []).map((policy) =>
              editingPolicy === policy.id ? (
                <tr key={policy.id} className="detail-row">
                  <td colSpan={8}>
                    <PolicyForm
                      label={`Edit ${policy.name}`}
                      submitLabel="Save policy"
                      initial={policy}
                      calendars={calendars.data ?? []}
                      onCancel={() => setEditingPolicy(null)}
                      onSaved={(saved) => {
                        setEditingPolicy(null);
                        setOutcome({ ok: true, text: `Policy ${saved.name} saved.` });
                        policies.reload();
                      }}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={policy.id}>
                  <td>{policy.position}</td>
                  <th scope="row">
                    {policy.name}
                    {!policy.active && <span className="muted"> (inactive)</span>}
                  </th>
                  <td>{appliesTo(policy)}</td>
                  <td>{minutes(policy.targets.firstResponseMinutes)}</td>
                  <td>{minutes(policy.targets.nextResponseMinutes)}</td>
                  <td>{minutes(policy.targets.resolutionMinutes)}</td>
                  <td>{policy.calendarName}</td>
                  <td className="actions">
                    <button type="button" onClick={() => setEditingPolicy(policy.id)}>
                      Edit<span className="sr-only"> {policy.name}</span>
                    </button>
                    <ConfirmButton
                      confirmLabel={`Delete ${policy.name}`}
                      onConfirm={() => void removePolicy(policy)}
                    >
                      Delete<span className="sr-only"> {policy.name}</span>
                    </ConfirmButton>
                  </td>
                </tr>
              ),
            )}
            {policies.data && policies.data.length === 0 && (
              <tr>
                <td colSpan={8} className="muted">
                  No policies yet: tickets carry no SLA.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {policies.error && <p className="error">{policies.error}</p>}
      </section>

      <section className="panel" aria-labelledby="calendars-title">
        <h2 id="calendars-title">Business calendars</h2>
        <details className="create-form">
          <summary>New calendar</summary>
          <CalendarForm
            label="New calendar"
            submitLabel="Create calendar"
            onSaved={(saved) => {
              setOutcome({ ok: true, text: `Calendar ${saved.name} created.` });
              calendars.reload();
            }}
          />
        </details>
        <table className="data-table">
          <caption className="sr-only">Business calendars</caption>
          <thead>
            <tr>
              <th scope="col">Calendar</th>
              <th scope="col">Time zone</th>
              <th scope="col">Working hours</th>
              <th scope="col">Holidays</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(calendars.data ?? []).map((calendar) =>
              editingCalendar === calendar.id ? (
                <tr key={calendar.id} className="detail-row">
                  <td colSpan={5}>
                    <CalendarForm
                      label={`Edit ${calendar.name}`}
                      submitLabel="Save calendar"
                      initial={calendar}
                      onCancel={() => setEditingCalendar(null)}
                      onSaved={(saved) => {
                        setEditingCalendar(null);
                        setOutcome({ ok: true, text: `Calendar ${saved.name} saved.` });
                        calendars.reload();
                      }}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={calendar.id}>
                  <th scope="row">
                    {calendar.name}
                    {calendar.builtIn && <span className="muted"> (built in)</span>}
                  </th>
                  <td>{calendar.timeZone}</td>
                  <td>
                    <WeekSummary week={calendar.week} />
                  </td>
                  <td>{calendar.holidays.length}</td>
                  <td className="actions">
                    {!calendar.builtIn && (
                      <>
                        <button type="button" onClick={() => setEditingCalendar(calendar.id)}>
                          Edit<span className="sr-only"> {calendar.name}</span>
                        </button>
                        <ConfirmButton
                          confirmLabel={`Delete ${calendar.name}`}
                          onConfirm={() => void removeCalendar(calendar)}
                        >
                          Delete<span className="sr-only"> {calendar.name}</span>
                        </ConfirmButton>
                      </>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
        {calendars.error && <p className="error">{calendars.error}</p>}
      </section>
    </section>
  );
}

function WeekSummary({ week }: { week: Week }) {
  return (
    <ul className="week-summary">
      {WEEKDAYS.map((day) => (
        <li key={day}>
          <span className="weekday">{day.slice(0, 3)}</span>{' '}
          {week[day].length
            ? week[day].map((interval) => `${interval.start}–${interval.end}`).join(', ')
            : 'off'}
        </li>
      ))}
    </ul>
  );
}

function PolicyForm({
  label,
  submitLabel,
  initial,
  calendars,
  onSaved,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  initial?: SlaPolicy;
  calendars: SlaCalendar[];
  onSaved: (policy: SlaPolicy) => void;
  onCancel?: () => void;
}) {
  const queues = useQueues();
  const [name, setName] = useState(initial?.name ?? '');
  const [active, setActive] = useState(initial?.active ?? true);
  const [position, setPosition] = useState(initial ? String(initial.position) : '');
  const [queueIds, setQueueIds] = useState<string[]>(initial?.conditions.queueIds ?? []);
  const [priorities, setPriorities] = useState<TicketPriority[]>(
    initial?.conditions.priorities ?? [],
  );
  const [channels, setChannels] = useState<Channel[]>(initial?.conditions.channels ?? []);
  const [tiers, setTiers] = useState(initial?.conditions.tiers.join(', ') ?? '');
  const [tags, setTags] = useState(initial?.conditions.tags.join(', ') ?? '');
  const [firstResponse, setFirstResponse] = useState(
    initial?.targets.firstResponseMinutes?.toString() ?? '',
  );
  const [nextResponse, setNextResponse] = useState(
    initial?.targets.nextResponseMinutes?.toString() ?? '',
  );
  const [resolution, setResolution] = useState(
    initial?.targets.resolutionMinutes?.toString() ?? '',
  );
  const [calendarId, setCalendarId] = useState(initial?.calendarId ?? '');
  const [warningPercent, setWarningPercent] = useState(String(initial?.warningPercent ?? 80));
  const [notify, setNotify] = useState(initial?.onBreach.notify ?? true);
  const [raisePriority, setRaisePriority] = useState(initial?.onBreach.raisePriority ?? false);
  const [error, setError] = useState<string | null>(null);

  const toggle = <T,>(values: T[], value: T, on: boolean) =>
    on ? [...values, value] : values.filter((item) => item !== value);
  const target = (text: string) => (text.trim() ? Number(text) : null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const body: NewSlaPolicy = {
      name: name.trim(),
      active,
      ...(position ? { position: Number(position) } : {}),
      conditions: { queueIds, priorities, channels, tiers: list(tiers), tags: list(tags) },
      targets: {
        firstResponseMinutes: target(firstResponse),
        nextResponseMinutes: target(nextResponse),
        resolutionMinutes: target(resolution),
      },
      ...(calendarId ? { calendarId } : {}),
      warningPercent: Number(warningPercent),
      onBreach: { notify, raisePriority },
    };
    try {
      onSaved(
        initial
          ? unwrap(
              await api.PATCH('/api/v1/sla/policies/{id}', {
                params: { path: { id: initial.id } },
                body,
              }),
            )
          : unwrap(await api.POST('/api/v1/sla/policies', { body })),
      );
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <form className="policy-form" aria-label={label} onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>Policy</legend>
        <label>
          Name
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Order (lower is tried first)
          <input
            type="number"
            min={0}
            value={position}
            placeholder="last"
            onChange={(e) => setPosition(e.target.value)}
          />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          Active
        </label>
      </fieldset>
      <fieldset>
        <legend>Applies to tickets (all that apply; nothing chosen: any)</legend>
        <fieldset className="choices">
          <legend>Queues</legend>
          {(queues.data ?? []).map((queue) => (
            <label key={queue.id} className="checkbox">
              <input
                type="checkbox"
                checked={queueIds.includes(queue.id)}
                onChange={(e) => setQueueIds(toggle(queueIds, queue.id, e.target.checked))}
              />
              {queue.name}
            </label>
          ))}
        </fieldset>
        <fieldset className="choices">
          <legend>Priorities</legend>
          {TICKET_PRIORITIES.map((priority) => (
            <label key={priority} className="checkbox">
              <input
                type="checkbox"
                checked={priorities.includes(priority)}
                onChange={(e) => setPriorities(toggle(priorities, priority, e.target.checked))}
              />
              {PRIORITY_LABELS[priority]}
            </label>
          ))}
        </fieldset>
        <fieldset className="choices">
          <legend>Channels</legend>
          {CHANNELS.map((channel) => (
            <label key={channel} className="checkbox">
              <input
                type="checkbox"
                checked={channels.includes(channel)}
                onChange={(e) => setChannels(toggle(channels, channel, e.target.checked))}
              />
              {channel}
            </label>
          ))}
        </fieldset>
        <label>
          Organisation tiers (comma-separated)
          <input value={tiers} onChange={(e) => setTiers(e.target.value)} />
        </label>
        <label>
          Any of the tags (comma-separated)
          <input value={tags} onChange={(e) => setTags(e.target.value)} />
        </label>
      </fieldset>
      <fieldset>
        <legend>Targets, in business minutes (at least one)</legend>
        <label>
          First response (minutes)
          <input
            type="number"
            min={1}
            value={firstResponse}
            onChange={(e) => setFirstResponse(e.target.value)}
          />
        </label>
        <label>
          Next response (minutes)
          <input
            type="number"
            min={1}
            value={nextResponse}
            onChange={(e) => setNextResponse(e.target.value)}
          />
        </label>
        <label>
          Resolution (minutes)
          <input
            type="number"
            min={1}
            value={resolution}
            onChange={(e) => setResolution(e.target.value)}
          />
        </label>
        <label>
          Business calendar
          <select value={calendarId} onChange={(e) => setCalendarId(e.target.value)}>
            <option value="">Built-in 24/7</option>
            {calendars
              .filter((calendar) => !calendar.builtIn)
              .map((calendar) => (
                <option key={calendar.id} value={calendar.id}>
                  {calendar.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          Warn at (% of the time used)
          <input
            type="number"
            min={1}
            max={100}
            value={warningPercent}
            onChange={(e) => setWarningPercent(e.target.value)}
          />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} />
          Notify the assignee and the queue&apos;s managers of warnings and breaches
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={raisePriority}
            onChange={(e) => setRaisePriority(e.target.checked)}
          />
          Raise the priority one step on a breach
        </label>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** "09:00-12:00, 13:00-17:00" ↔ working intervals; empty is a day off. */
function parseIntervals(text: string): { start: string; end: string }[] {
  return list(text).map((part) => {
    const [start = '', end = ''] = part.split(/\s*[-–]\s*/);
    return { start, end };
  });
}

/** One holiday a line: "2026-12-24 Christmas Eve" (once) or "12-25 Christmas Day" (every year). */
function parseHolidays(text: string): Holiday[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [day = '', ...name] = line.split(/\s+/);
      const named = name.length ? { name: name.join(' ') } : {};
      return /^\d{4}-/.test(day) ? { date: day, ...named } : { recurring: day, ...named };
    });
}

function holidayLine(holiday: Holiday): string {
  return [holiday.date ?? holiday.recurring ?? '', holiday.name ?? ''].join(' ').trim();
}

function CalendarForm({
  label,
  submitLabel,
  initial,
  onSaved,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  initial?: SlaCalendar;
  onSaved: (calendar: SlaCalendar) => void;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [timeZone, setTimeZone] = useState(
    initial?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  );
  const [days, setDays] = useState<Record<keyof Week, string>>(() => {
    const entries = WEEKDAYS.map((day) => [
      day,
      initial
        ? initial.week[day].map((interval) => `${interval.start}-${interval.end}`).join(', ')
        : day === 'saturday' || day === 'sunday'
          ? ''
          : '09:00-17:00',
    ]);
    return Object.fromEntries(entries) as Record<keyof Week, string>;
  });
  const [holidays, setHolidays] = useState(initial?.holidays.map(holidayLine).join('\n') ?? '');
  const [error, setError] = useState<string | null>(null);
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const week = Object.fromEntries(
      WEEKDAYS.map((day) => [day, parseIntervals(days[day])]),
    ) as Week;
    const body = {
      name: name.trim(),
      timeZone: timeZone.trim(),
      week,
      holidays: parseHolidays(holidays),
    } satisfies NewSlaCalendar;
    try {
      onSaved(
        initial
          ? unwrap(
              await api.PATCH('/api/v1/sla/calendars/{id}', {
                params: { path: { id: initial.id } },
                body,
              }),
            )
          : unwrap(await api.POST('/api/v1/sla/calendars', { body })),
      );
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <form className="policy-form" aria-label={label} onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>Calendar</legend>
        <label>
          Name
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Time zone
          <input
            required
            list="time-zones"
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
          />
          <datalist id="time-zones">
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </label>
      </fieldset>
      <fieldset>
        <legend>Working hours (e.g. 09:00-12:00, 13:00-17:00; empty: day off)</legend>
        {WEEKDAYS.map((day) => (
          <label key={day}>
            {day[0]?.toUpperCase()}
            {day.slice(1)}
            <input
              value={days[day]}
              onChange={(e) => setDays((current) => ({ ...current, [day]: e.target.value }))}
            />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Holidays</legend>
        <label>
          One a line: 2026-12-24 Christmas Eve (once) or 12-25 Christmas Day (every year)
          <textarea rows={4} value={holidays} onChange={(e) => setHolidays(e.target.value)} />
        </label>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
