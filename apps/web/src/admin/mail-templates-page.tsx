// The mail Tessera writes by itself (the acknowledgement to customers, the notifications to
// agents): each template editable, with the variables it offers and a preview of the draft as it
// would be mailed.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client.js';
import { errorMessage, fieldErrors, unwrap } from '../api/problem.js';
import type { MailPreview, MailTemplate, MailTemplateDraft } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { formatDateTime, formatRelative } from '../components/format.js';
import { StatusLine, type Outcome } from '../components/status-line.js';
import { ErrorMessage, Loading } from '../layout/status.js';
import { EmailFrame } from '../ticket/email-frame.js';

type Part = keyof MailTemplateDraft;
type Field = Part | 'ticketId';

const FIELD_LABELS: Record<Field, string> = {
  subject: 'Subject',
  text: 'Text part',
  html: 'HTML part',
  ticketId: 'Ticket number',
};

const PARTS: readonly Part[] = ['subject', 'text', 'html'];

const sourceOf = ({ subject, text, html }: MailTemplate): MailTemplateDraft => ({
  subject,
  text,
  html,
});

export function MailTemplatesPage() {
  const templates = useResource(
    async () => unwrap(await api.GET('/api/v1/mail-templates')).items,
    [],
  );
  const [params] = useSearchParams();
  // Unsaved drafts by template: choosing another template keeps them, and leaving the page with
  // one asks first.
  const [drafts, setDrafts] = useState<Record<string, MailTemplateDraft>>({});
  const unsaved = Object.keys(drafts).length > 0;
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  if (templates.error) return <ErrorMessage message={templates.error} onRetry={templates.reload} />;
  if (!templates.data) return <Loading />;
  const items = templates.data;
  const selected = items.find((template) => template.key === params.get('template')) ?? items[0];

  /** Saved or reset: the template as stored now, and no draft of it left. */
  function replace(updated: MailTemplate) {
    templates.setData((current) =>
      (current ?? []).map((template) => (template.key === updated.key ? updated : template)),
    );
    setDrafts(({ [updated.key]: _saved, ...others }) => others);
  }

  function keepDraft(template: MailTemplate, draft: MailTemplateDraft) {
    setDrafts(({ [template.key]: _replaced, ...others }) =>
      PARTS.some((part) => draft[part] !== template[part])
        ? { ...others, [template.key]: draft }
        : others,
    );
  }

  return (
    <section>
      <h1>Mail templates</h1>
      <p className="muted">
        Tessera writes these mails by itself, each from its template: Tessera&apos;s default until
        you change it. Templates are written in Handlebars: <code>{'{{variable}}'}</code>,{' '}
        <code>{'{{#if variable}}…{{else}}…{{/if}}'}</code> and{' '}
        <code>{'{{#unless variable}}…{{/unless}}'}</code>, with the variables each one offers.
      </p>
      <table className="data-table">
        <caption className="sr-only">Mail templates</caption>
        <thead>
          <tr>
            <th scope="col">Template</th>
            <th scope="col">Version</th>
            <th scope="col">Last change</th>
          </tr>
        </thead>
        <tbody>
          {items.map((template) => {
            const current = template.key === selected?.key;
            return (
              <tr key={template.key} className={current ? 'current' : undefined}>
                <th scope="row">
                  <Link
                    to={`?template=${template.key}`}
                    aria-current={current ? 'true' : undefined}
                  >
                    {template.name}
                  </Link>
                  {drafts[template.key] && <span className="badge unsaved">Unsaved changes</span>}
                  <div className="muted small template-description">{template.description}</div>
                </th>
                <td>
                  {template.customized ? (
                    <span className="badge customized">Customised</span>
                  ) : (
                    'Default'
                  )}
                </td>
                <td>
                  {template.updatedAt ? (
                    <time dateTime={template.updatedAt} title={formatDateTime(template.updatedAt)}>
                      {formatRelative(template.updatedAt)}
                    </time>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {selected && (
        <TemplateEditor
          key={selected.key}
          template={selected}
          draft={drafts[selected.key] ?? sourceOf(selected)}
          onDraft={(draft) => keepDraft(selected, draft)}
          onChange={replace}
        />
      )}
    </section>
  );
}

function TemplateEditor({
  template,
  draft,
  onDraft,
  onChange,
}: {
  template: MailTemplate;
  /** What the editor shows: the unsaved draft, or the template as stored. */
  draft: MailTemplateDraft;
  onDraft: (draft: MailTemplateDraft) => void;
  /** Saved or reset. */
  onChange: (template: MailTemplate) => void;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [ticket, setTicket] = useState('');
  const [preview, setPreview] = useState<MailPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const fields = useRef<Partial<Record<Part, HTMLInputElement | HTMLTextAreaElement | null>>>({});
  const lastField = useRef<Part>('text');
  const previewRef = useRef<HTMLElement>(null);
  const path = { params: { path: { key: template.key } } };
  const changed = PARTS.some((part) => draft[part] !== template[part]);

  function edit(part: Part, value: string) {
    onDraft({ ...draft, [part]: value });
  }

  /** Puts `{{name}}` where the cursor was in the field last used (the text part at first). */
  function insert(name: string) {
    const part = lastField.current;
    const element = fields.current[part];
    const token = `{{${name}}}`;
    const value = draft[part];
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? start;
    edit(part, value.slice(0, start) + token + value.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  /** A refusal: each field's message next to it, and one line saying where to look. */
  function refused(error: unknown, what: string) {
    const byField = fieldErrors(error);
    setErrors(byField);
    const fieldNames = Object.keys(byField);
    const shown = fieldNames.length > 0 && fieldNames.every((field) => field in FIELD_LABELS);
    setOutcome({
      ok: false,
      text: shown
        ? `${what}: see the ${fieldNames.length === 1 ? 'message' : 'messages'} at ${fieldNames
            .map((field) => FIELD_LABELS[field as Field])
            .join(', ')}.`
        : `${what}: ${errorMessage(error)}`,
    });
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    try {
      const saved = unwrap(await api.PUT('/api/v1/mail-templates/{key}', { ...path, body: draft }));
      setErrors({});
      onChange(saved);
      setOutcome({ ok: true, text: `${saved.name} saved: Tessera writes this mail from it now.` });
    } catch (error) {
      refused(error, 'Not saved');
    }
  }

  async function reset() {
    setOutcome(null);
    try {
      unwrap(await api.DELETE('/api/v1/mail-templates/{key}', path));
      const fresh = unwrap(await api.GET('/api/v1/mail-templates/{key}', path));
      setErrors({});
      setPreview(null);
      onChange(fresh);
      setOutcome({ ok: true, text: `${fresh.name} is back to Tessera's default.` });
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  async function showPreview(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    setPreviewing(true);
    try {
      const ticketId = ticket.trim();
      const rendered = unwrap(
        await api.POST('/api/v1/mail-templates/{key}/preview', {
          ...path,
          body: { ...draft, ...(ticketId ? { ticketId } : {}) },
        }),
      );
      setErrors({});
      setPreview(rendered);
      requestAnimationFrame(() => previewRef.current?.scrollIntoView({ block: 'nearest' }));
    } catch (error) {
      setPreview(null);
      refused(error, 'No preview');
    } finally {
      setPreviewing(false);
    }
  }

  /** The accessibility wiring of a field: its help, its error. */
  function described(field: Field, help?: string) {
    const ids = [help, errors[field] ? `template-${field}-error` : undefined].filter(Boolean);
    return {
      'aria-invalid': errors[field] ? true : undefined,
      'aria-describedby': ids.length ? ids.join(' ') : undefined,
    };
  }

  function fieldError(field: Field) {
    if (!errors[field]) return null;
    return (
      <p id={`template-${field}-error`} className="error small field-error">
        {FIELD_LABELS[field]} {errors[field]}
      </p>
    );
  }

  /** A multi-line part of the template, with its help and its error. */
  function sourceArea(part: 'text' | 'html', rows: number, maxLength: number, help: ReactNode) {
    return (
      <>
        <label>
          {FIELD_LABELS[part]}
          <textarea
            ref={(element) => {
              fields.current[part] = element;
            }}
            className="source-field"
            required
            rows={rows}
            maxLength={maxLength}
            value={draft[part]}
            onChange={(e) => edit(part, e.target.value)}
            onFocus={() => (lastField.current = part)}
            {...described(part, `template-${part}-help`)}
          />
        </label>
        <p id={`template-${part}-help`} className="muted small">
          {help}
        </p>
        {fieldError(part)}
      </>
    );
  }

  return (
    <section className="template-editor" aria-labelledby="template-title">
      <h2 id="template-title">{template.name}</h2>
      <div className="template-columns">
        <form
          className="stack-form template-form"
          aria-label={`Edit ${template.name}`}
          onSubmit={(event) => void save(event)}
        >
          <label>
            {FIELD_LABELS.subject}
            <input
              ref={(element) => {
                fields.current.subject = element;
              }}
              className="source-field"
              required
              maxLength={1000}
              value={draft.subject}
              onChange={(e) => edit('subject', e.target.value)}
              onFocus={() => (lastField.current = 'subject')}
              {...described('subject', 'template-subject-help')}
            />
          </label>
          <p id="template-subject-help" className="muted small">
            One line; the ticket tag (<code>[Ticket#10042]</code>) is added when the mail is sent.
          </p>
          {fieldError('subject')}
          {sourceArea('text', 12, 20000, <>Plain text; variables are written as they are.</>)}
          {sourceArea(
            'html',
            14,
            100000,
            <>
              Variables are HTML-escaped (<code>{'{{{…}}}'}</code> is refused). A fragment is mailed
              inside a complete document; a complete document (<code>&lt;!DOCTYPE html&gt;</code>)
              as it is.
            </>,
          )}
          <div className="form-actions">
            <button type="submit" className="primary">
              Save template
            </button>
            <ConfirmButton
              confirmLabel={`Reset ${template.name} to the default`}
              disabled={!template.customized && !changed}
              onConfirm={() => void reset()}
            >
              Reset to default
            </ConfirmButton>
            {changed && <span className="muted small unsaved">Unsaved changes</span>}
          </div>
          <StatusLine outcome={outcome} />
        </form>
        <div className="template-side">
          <section className="panel" aria-labelledby="template-variables-title">
            <h3 id="template-variables-title">Variables</h3>
            <p className="muted small">
              Choose one to insert it at the cursor, in the field you were last in.
            </p>
            <ul className="template-variables">
              {template.variables.map((variable) => (
                <li key={variable.name}>
                  <button
                    type="button"
                    className="link-button"
                    // Keeps the cursor in the field it is inserted into.
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => insert(variable.name)}
                  >
                    <span className="sr-only">Insert </span>
                    <code>{`{{${variable.name}}}`}</code>
                  </button>{' '}
                  <span className="muted small">{variable.description}</span>
                </li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="template-preview-title" ref={previewRef}>
            <h3 id="template-preview-title">Preview</h3>
            <form
              className="inline-form"
              aria-label="Preview the draft"
              onSubmit={(event) => void showPreview(event)}
            >
              <label>
                {FIELD_LABELS.ticketId} (optional)
                <input
                  inputMode="numeric"
                  maxLength={64}
                  placeholder="10042"
                  value={ticket}
                  onChange={(e) => setTicket(e.target.value)}
                  {...described('ticketId', 'template-ticketId-help')}
                />
              </label>
              <button type="submit" disabled={previewing}>
                Preview
              </button>
            </form>
            <p id="template-ticketId-help" className="muted small">
              The draft as it would be mailed: with that ticket&apos;s values, or without one with
              sample values.
            </p>
            {fieldError('ticketId')}
            {preview && (
              <dl className="mail-preview">
                <dt>Subject</dt>
                <dd className="preview-subject">{preview.subject}</dd>
                <dt>Text part</dt>
                <dd>
                  <pre className="preview-text">{preview.text}</pre>
                </dd>
                <dt>HTML part</dt>
                <dd className="preview-frame">
                  <EmailFrame html={preview.html} title={`HTML part of ${template.name}`} />
                </dd>
              </dl>
            )}
          </section>
        </div>
      </div>
    </section>
  );
}
