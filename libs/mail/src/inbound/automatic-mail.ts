// Mail written by machines: auto-replies, mailing lists, system senders. Tessera stores them but
// never answers them automatically, or two systems would mail each other forever (RFC 3834).
import { firstHeader, type HeaderMap } from './raw-headers.js';

export type AutomaticKind = 'auto-reply' | 'bulk' | 'loop' | 'system-sender';

export interface AutomaticVerdict {
  kind: AutomaticKind;
  /** What gave it away, e.g. `Auto-Submitted: auto-replied`. */
  reason: string;
}

/** Local parts of addresses no person reads. */
const SYSTEM_SENDERS =
  /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|donotreply|noreply-[^@]*|no_reply|bounces?(\+[^@]*)?)$/i;

const BULK_PRECEDENCE = new Set(['bulk', 'list', 'junk']);

/**
 * Subjects of out-of-office and other automatic replies in the languages they are commonly sent
 * in, as a prefix followed by a colon ("Automatic reply: Re: …") or as the whole subject.
 */
const AUTO_REPLY_PHRASES = [
  'out of office',
  'out of the office',
  'automatic reply',
  'auto reply',
  'auto-reply',
  'autoreply',
  'auto response',
  'auto-response',
  'autoresponse',
  'abwesenheitsnotiz',
  'automatische antwort',
  'abwesend',
  'réponse automatique',
  'reponse automatique',
  'absence du bureau',
  'respuesta automática',
  'respuesta automatica',
  'fuera de la oficina',
  'risposta automatica',
  'fuori ufficio',
  'automatisch antwoord',
  'afwezigheidsbericht',
  'resposta automática',
  'automatyczna odpowiedź',
];
const escaped = AUTO_REPLY_PHRASES.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const AUTO_REPLY_SUBJECT = new RegExp(
  `^\\s*(?:(?:re|aw|sv|fwd?|wg)\\s*:\\s*)*(?:${escaped.join('|')})\\s*(?::|：|$)`,
  'iu',
);
/** Lotus Notes and others: "AUTO: Ann Smith is out of the office." */
const IS_OUT_OF_OFFICE = /^\s*auto:\s|\bis (?:currently )?out of (?:the )?office\b/i;

/**
 * Why a mail is automatic, or undefined when a person wrote it. Checks, in order: the headers
 * auto-responders set (Auto-Submitted other than `no`, X-Autoreply, X-Autorespond,
 * X-Auto-Response-Suppress), loop markers (X-Loop), bulk mail (Precedence bulk/list/junk/
 * auto_reply, List-Id, List-Unsubscribe), senders no person reads (mailer-daemon, postmaster,
 * no-reply) or a null return path, and out-of-office subjects.
 *
 * A support address may itself be a list (a group that forwards to the mailbox): list headers
 * naming one of `ownAddresses` (`List-Id: <support.example.com>`) are the help desk's own and do
 * not make a customer's mail bulk.
 */
export function detectAutomatic(
  mail: {
    headers: HeaderMap;
    fromAddress: string | undefined;
    subject: string;
  },
  options: { ownAddresses?: readonly string[] } = {},
): AutomaticVerdict | undefined {
  const { headers } = mail;
  const header = (name: string) => firstHeader(headers, name);
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted !== undefined) {
    const value = autoSubmitted.split(/[;(]/)[0]?.trim().toLowerCase() ?? '';
    if (value !== 'no' && value !== '') {
      return { kind: 'auto-reply', reason: `Auto-Submitted: ${value}` };
    }
  }
  for (const name of ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress']) {
    const value = header(name);
    if (value !== undefined && !/^(no|none|false)$/i.test(value)) {
      return { kind: 'auto-reply', reason: `${canonical(name)}: ${value}` };
    }
  }
  const loop = header('x-loop');
  if (loop !== undefined) return { kind: 'loop', reason: `X-Loop: ${loop}` };
  const precedence = header('precedence')?.trim().toLowerCase();
  if (precedence === 'auto_reply') {
    return { kind: 'auto-reply', reason: 'Precedence: auto_reply' };
  }
  const ownList = isOwnList(header('list-id'), options.ownAddresses ?? []);
  if (precedence !== undefined && BULK_PRECEDENCE.has(precedence) && !ownList) {
    return { kind: 'bulk', reason: `Precedence: ${precedence}` };
  }
  for (const name of ['list-id', 'list-unsubscribe']) {
    if (header(name) !== undefined && !ownList) {
      return { kind: 'bulk', reason: `${canonical(name)} header` };
    }
  }
  const local = mail.fromAddress?.split('@')[0] ?? '';
  if (SYSTEM_SENDERS.test(local)) {
    return { kind: 'system-sender', reason: `sent by ${mail.fromAddress ?? ''}` };
  }
  if (header('return-path')?.replace(/\s/g, '') === '<>') {
    return { kind: 'system-sender', reason: 'null return path (Return-Path: <>)' };
  }
  if (AUTO_REPLY_SUBJECT.test(mail.subject) || IS_OUT_OF_OFFICE.test(mail.subject)) {
    return { kind: 'auto-reply', reason: `subject "${mail.subject.slice(0, 100)}"` };
  }
  return undefined;
}

/**
 * Whether a List-Id (`Support <support.example.com>`, RFC 2919) is the list behind one of the
 * help desk's own addresses, as groups that forward to a support mailbox name themselves.
 */
function isOwnList(listId: string | undefined, ownAddresses: readonly string[]): boolean {
  const id = /<([^<>]+)>/
    .exec(listId ?? '')?.[1]
    ?.trim()
    .toLowerCase();
  return id !== undefined && ownAddresses.some((address) => address.replace('@', '.') === id);
}

/** `x-auto-response-suppress` → `X-Auto-Response-Suppress`, for reasons people read. */
function canonical(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}
