// Whether a failed send is worth retrying. SMTP says so itself: 4xx replies are temporary, 5xx
// permanent (RFC 5321 4.2.1). No reply at all (no connection, a timeout) is taken as temporary.
import { classifyConnectionFailure, type ConnectionTarget } from '../mailbox/connection-failure.js';

export interface SendFailure {
  permanent: boolean;
  /** For people: the server's reply, or why there was none. */
  reason: string;
}

interface SmtpError {
  message?: unknown;
  responseCode?: unknown;
  response?: unknown;
  rejectedErrors?: unknown;
}

export function sendFailureOf(error: unknown, target: ConnectionTarget): SendFailure {
  const e: SmtpError = typeof error === 'object' && error !== null ? error : {};
  const codes = replyCodes(e);
  if (codes.length > 0) {
    return {
      // Every refusal must be final: one temporary refusal among them is worth a retry.
      permanent: codes.every((code) => code >= 500),
      reason:
        typeof e.response === 'string' && e.response.length > 0
          ? e.response
          : typeof e.message === 'string'
            ? e.message
            : String(error),
    };
  }
  return { permanent: false, reason: classifyConnectionFailure(error, target).message };
}

/** The SMTP reply codes of the failure: of each refused recipient, or of the command. */
function replyCodes(e: SmtpError): number[] {
  const refusals = Array.isArray(e.rejectedErrors) ? (e.rejectedErrors as SmtpError[]) : [];
  const codes = refusals.map((refusal) => refusal.responseCode).filter(isReplyCode);
  if (codes.length > 0) return codes;
  return isReplyCode(e.responseCode) ? [e.responseCode] : [];
}

function isReplyCode(value: unknown): value is number {
  return typeof value === 'number' && value >= 400 && value < 600;
}
