// Why a connection to a mail server failed, in words an admin can act on. imapflow and nodemailer
// report the same failures with different codes (Node's own, TLS library codes, their own
// wrappers); this sorts them into a few kinds.

export const CONNECTION_FAILURE_KINDS = [
  'auth_failed',
  'tls_error',
  'certificate_untrusted',
  'host_unknown',
  'connection_refused',
  'timeout',
  'folder_missing',
  'unknown',
] as const;
export type ConnectionFailureKind = (typeof CONNECTION_FAILURE_KINDS)[number];

export interface ConnectionFailure {
  kind: ConnectionFailureKind;
  message: string;
}

/** Where the connection went, to name it in the message. */
export interface ConnectionTarget {
  protocol: 'IMAP' | 'SMTP';
  host: string;
  port: number;
  timeoutSeconds: number;
  folder?: string;
}

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ETIMEOUT',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
]);

interface MailLibraryError {
  message?: unknown;
  code?: unknown;
  /** nodemailer keeps the socket's code here when it wraps it as ESOCKET. */
  originalCode?: unknown;
  responseCode?: unknown;
  response?: unknown;
  responseText?: unknown;
  authenticationFailed?: unknown;
  tlsFailed?: unknown;
  mailboxMissing?: unknown;
}

export function classifyConnectionFailure(
  error: unknown,
  target: ConnectionTarget,
): ConnectionFailure {
  const e: MailLibraryError = typeof error === 'object' && error !== null ? error : {};
  const code = text(e.originalCode) ?? text(e.code) ?? '';
  const detail = serverText(e) ?? text(e.message) ?? String(error);
  const where = `${target.protocol} server ${target.host}:${target.port}`;

  if (e.mailboxMissing === true) {
    return {
      kind: 'folder_missing',
      message: `The folder "${target.folder ?? ''}" does not exist on the ${where}.`,
    };
  }
  if (e.authenticationFailed === true || code === 'EAUTH' || e.responseCode === 535) {
    return {
      kind: 'auth_failed',
      message: `The ${where} refused the user name or password (${detail}).`,
    };
  }
  if (CERTIFICATE_CODES.has(code)) {
    return {
      kind: 'certificate_untrusted',
      message:
        `The certificate of the ${where} is not trusted (${detail}). Give the server a ` +
        'certificate from a trusted authority, or turn certificate verification off if you ' +
        'trust the network between Tessera and the server.',
    };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EDNS') {
    return {
      kind: 'host_unknown',
      message: `The host name ${target.host} could not be resolved (${code}).`,
    };
  }
  if (code === 'ECONNREFUSED') {
    return {
      kind: 'connection_refused',
      message: `Nothing accepts connections at ${target.host}:${target.port}: check the host and the port.`,
    };
  }
  if (TIMEOUT_CODES.has(code)) {
    return {
      kind: 'timeout',
      message:
        `The ${where} did not answer within ${target.timeoutSeconds} s (${detail}). ` +
        'Check the host, the port, a firewall, and the TLS mode: a port expecting TLS from ' +
        'the first byte stays silent to a plain connection.',
    };
  }
  if (
    e.tlsFailed === true ||
    code.startsWith('ERR_SSL') ||
    code === 'ETLS' ||
    /\b(ssl|tls)\b/i.test(detail)
  ) {
    return {
      kind: 'tls_error',
      message:
        `TLS with the ${where} failed (${detail.trim()}). Check the TLS mode: \`tls\` for a ` +
        'port that speaks TLS from the first byte (usually 993 / 465), `starttls` for one that ' +
        'upgrades a plain connection (143 / 587).',
    };
  }
  return { kind: 'unknown', message: `The ${where} failed: ${detail.trim()}` };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The server's own words, when it answered (IMAP response text, SMTP reply). */
function serverText(e: MailLibraryError): string | undefined {
  return text(e.responseText) ?? text(e.response);
}
