// Bounces: reports that a mail Tessera sent could not be delivered. Standard delivery status
// notifications (RFC 3464, multipart/report; report-type=delivery-status) are read field by
// field; the free-text bounces some servers still send are recognised by their sender and
// subject, and read with the patterns the common mail servers use.
import type { InboundMail } from './inbound-mail.js';
import { messageIdsIn } from './message-id.js';
import { firstHeader, readHeaders } from './raw-headers.js';

export type DeliveryAction = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

export interface BouncedRecipient {
  /** Lower case. */
  address: string;
  action: DeliveryAction;
  /** Enhanced status code (`5.1.1`), or a basic SMTP code (`550`) when that is all there is. */
  status: string | undefined;
  /** What the receiving side said, for people: "550 5.1.1 User unknown". */
  diagnostic: string;
  /** The address will not work however often it is tried (a 5.x.x failure). */
  permanent: boolean;
}

export interface DeliveryReport {
  /** A machine-readable RFC 3464 report, rather than a bounce recognised by its wording. */
  standard: boolean;
  recipients: BouncedRecipient[];
  /** Message-IDs of the mail that was not delivered, as the report names it, most telling first. */
  originalMessageIds: string[];
  /** The undelivered mail's subject, when the report includes its headers. */
  originalSubject: string | undefined;
}

const ACTIONS = new Set<string>(['failed', 'delayed', 'delivered', 'relayed', 'expanded']);
const STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const ORIGINAL_TYPES = new Set([
  'text/rfc822-headers',
  'message/rfc822',
  'message/global',
  'message/global-headers',
]);
const BOUNCE_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)$/i;
const BOUNCE_SENDER_NAME = /mail delivery (sub)?system|mailer.daemon/i;
const BOUNCE_SUBJECT =
  /undeliver|delivery (status notification|failure|failed|has failed|problem|incomplete)|returned mail|mail delivery failed|failure notice|non[- ]?delivery|not (been )?delivered|could not be delivered|nicht zustellbar|unzustellbar|zustellung fehlgeschlagen|non remis|no se (puede|pudo) entregar/i;
/** Where a free-text bounce starts quoting the mail it returns. */
const ORIGINAL_MARKER =
  /^\s*(-{2,}.*(original message|copy of the message|below this line|undelivered message|returned message|headers of the original).*|original message follows.*|return-path:.*|received:.*)$/im;
const ENHANCED_STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
const SMTP_CODE = /(?:^|[\s'"(:])([245]\d\d)(?=[\s-])/m;
const ADDRESS = /[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;
const MAX_DIAGNOSTIC = 300;

/**
 * The delivery report in a mail, or undefined when it is no bounce. `ignoreAddresses` (Tessera's
 * own, lower case) are never taken for a failed recipient of a free-text bounce.
 */
export function readDeliveryReport(
  mail: Pick<InboundMail, 'headers' | 'from' | 'subject' | 'text' | 'attachments' | 'references'>,
  options: { ignoreAddresses?: readonly string[] } = {},
): DeliveryReport | undefined {
  const statusParts = mail.attachments.filter((a) => STATUS_TYPES.has(a.contentType));
  const contentType = firstHeader(mail.headers, 'content-type') ?? '';
  const isReport =
    /^\s*multipart\/report\b/i.test(contentType) &&
    /report-type\s*=\s*"?delivery-status"?/i.test(contentType);
  const original = originalOf(mail);
  if (statusParts.length > 0 || isReport) {
    const recipients = statusParts.flatMap((part) => readStatusFields(part.content.toString()));
    if (recipients.length > 0 || isReport) {
      return { standard: true, recipients, ...original };
    }
  }
  const local = mail.from.address.split('@')[0] ?? '';
  const fromSystem = BOUNCE_SENDER.test(local) || BOUNCE_SENDER_NAME.test(mail.from.name);
  if (!fromSystem || !BOUNCE_SUBJECT.test(mail.subject)) return undefined;
  const ignore = new Set([mail.from.address, ...(options.ignoreAddresses ?? [])]);
  return { standard: false, recipients: readFreeText(mail.text ?? '', ignore), ...original };
}

/** The per-recipient groups of a message/delivery-status part. */
function readStatusFields(content: string): BouncedRecipient[] {
  const groups = content
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map(readFields);
  const recipients: BouncedRecipient[] = [];
  for (const fields of groups) {
    const recipient = fields.get('final-recipient') ?? fields.get('original-recipient');
    if (recipient === undefined) continue;
    const address = (recipient.split(';').pop() ?? '').trim().replace(/^<|>$/g, '').toLowerCase();
    if (!address.includes('@')) continue;
    const actionValue = (fields.get('action') ?? '').trim().toLowerCase().split(/\s/)[0] ?? '';
    const action = (ACTIONS.has(actionValue) ? actionValue : 'failed') as DeliveryAction;
    const diagnosticCode = fields.get('diagnostic-code');
    const diagnosticText = diagnosticCode?.includes(';')
      ? diagnosticCode.slice(diagnosticCode.indexOf(';') + 1).trim()
      : diagnosticCode?.trim();
    const status =
      ENHANCED_STATUS.exec(fields.get('status') ?? '')?.[0] ??
      ENHANCED_STATUS.exec(diagnosticText ?? '')?.[0] ??
      SMTP_CODE.exec(diagnosticText ?? '')?.[1];
    recipients.push({
      address,
      action,
      status,
      diagnostic: clip(diagnosticText || (status ? `status ${status}` : action)),
      permanent: action === 'failed' && status?.startsWith('5') === true,
    });
  }
  return recipients;
}

/** `Name: value` lines with continuations, names in lower case (the first of each name wins). */
function readFields(group: string): Map<string, string> {
  const fields = new Map<string, string>();
  let last: string | undefined;
  for (const line of group.split('\n')) {
    if (/^[ \t]/.test(line) && last !== undefined) {
      fields.set(last, `${fields.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const field = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(line);
    if (!field?.[1]) continue;
    last = field[1].toLowerCase();
    if (!fields.has(last)) fields.set(last, field[2] ?? '');
    else last = undefined;
  }
  return fields;
}

/**
 * Failed recipients of a bounce written for people: the addresses in its explanation (before it
 * quotes the returned mail), each with the status code the text gives.
 */
function readFreeText(text: string, ignore: ReadonlySet<string>): BouncedRecipient[] {
  const marker = ORIGINAL_MARKER.exec(text);
  const explanation = marker ? text.slice(0, marker.index) : text;
  const lines = explanation.split(/\r?\n/);
  const statusLine = lines.find((line) => ENHANCED_STATUS.test(line) || SMTP_CODE.test(line));
  const status =
    ENHANCED_STATUS.exec(statusLine ?? '')?.[0] ?? SMTP_CODE.exec(statusLine ?? '')?.[1];
  const diagnostic = clip(
    statusLine?.trim() ??
      lines.find((line) => /fail|unknown|reject|not exist|unavailable/i.test(line))?.trim() ??
      'undeliverable',
  );
  const addresses = new Set<string>();
  for (const line of lines) {
    // Message-IDs look like addresses; they are not recipients.
    if (/message-id/i.test(line)) continue;
    for (const match of line.matchAll(ADDRESS)) {
      const address = match[0].toLowerCase().replace(/\.$/, '');
      if (!ignore.has(address)) addresses.add(address);
    }
  }
  return [...addresses].map((address) => ({
    address,
    action: 'failed' as const,
    status,
    diagnostic,
    permanent: status?.startsWith('5') === true,
  }));
}

/** What the report says about the undelivered mail: its ids and its subject. */
function originalOf(
  mail: Pick<InboundMail, 'text' | 'attachments' | 'references'>,
): Pick<DeliveryReport, 'originalMessageIds' | 'originalSubject'> {
  const ids: string[] = [];
  let subject: string | undefined;
  for (const part of mail.attachments.filter((a) => ORIGINAL_TYPES.has(a.contentType))) {
    const headers = readHeaders(part.content);
    if (!headers) continue;
    ids.push(...messageIdsIn(firstHeader(headers, 'message-id')));
    const partSubject = firstHeader(headers, 'subject');
    subject ??= partSubject === undefined ? undefined : decodeEncodedWords(partSubject);
  }
  // Free-text bounces quote the returned headers in their text.
  for (const match of (mail.text ?? '').matchAll(/^\s*message-id:\s*(<[^<>\s]+>)/gim)) {
    if (match[1]) ids.push(match[1]);
  }
  subject ??= /^\s*subject:\s*(.+)$/im.exec(mail.text ?? '')?.[1]?.trim();
  return {
    originalMessageIds: [...new Set([...ids, ...mail.references])],
    originalSubject: subject,
  };
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`), leaving what it cannot decode as it is. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([bq])\?([^?]*)\?=/gi,
      (word, charset: string, encoding: string, text: string) => {
        try {
          const bytes =
            encoding.toLowerCase() === 'b'
              ? Buffer.from(text, 'base64')
              : Buffer.from(
                  text
                    .replace(/_/g, ' ')
                    .replace(/=([0-9a-f]{2})/gi, (_m, hex: string) =>
                      String.fromCharCode(parseInt(hex, 16)),
                    ),
                  'latin1',
                );
          return new TextDecoder(charset.split('*')[0]).decode(bytes);
        } catch {
          return word;
        }
      },
    );
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_DIAGNOSTIC ? oneLine : `${oneLine.slice(0, MAX_DIAGNOSTIC - 1)}…`;
}
