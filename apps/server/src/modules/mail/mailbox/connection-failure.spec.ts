import { describe, expect, it } from '@jest/globals';
import { classifyConnectionFailure, type ConnectionTarget } from './connection-failure.js';

const IMAP: ConnectionTarget = {
  protocol: 'IMAP',
  host: 'imap.example.com',
  port: 993,
  timeoutSeconds: 10,
  folder: 'Support',
};

function failure(fields: Record<string, unknown>): Error {
  const message = typeof fields.message === 'string' ? fields.message : 'failed';
  return Object.assign(new Error(message), fields);
}

// The shapes imapflow and nodemailer report, as seen against Dovecot and smtp-server.
describe('classifyConnectionFailure', () => {
  it.each([
    [
      'an IMAP login refused',
      { authenticationFailed: true, responseText: 'Authentication failed.' },
      'auth_failed',
    ],
    ['an SMTP login refused', { code: 'EAUTH', responseCode: 535 }, 'auth_failed'],
    [
      'a self-signed certificate (imapflow)',
      { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
      'certificate_untrusted',
    ],
    [
      'a self-signed certificate (nodemailer)',
      { code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
      'certificate_untrusted',
    ],
    ['a name mismatch', { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'certificate_untrusted'],
    ['TLS against a plain port', { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, 'tls_error'],
    [
      'TLS against a plain port (nodemailer)',
      { code: 'ESOCKET', originalCode: 'ERR_SSL_WRONG_VERSION_NUMBER' },
      'tls_error',
    ],
    ['a failed STARTTLS', { tlsFailed: true, message: 'upgrade failed' }, 'tls_error'],
    ['an unknown host', { code: 'ENOTFOUND' }, 'host_unknown'],
    ['an unknown host (nodemailer)', { code: 'EDNS', originalCode: 'ENOTFOUND' }, 'host_unknown'],
    ['a closed port', { code: 'ECONNREFUSED' }, 'connection_refused'],
    [
      'a closed port (nodemailer)',
      { code: 'ESOCKET', originalCode: 'ECONNREFUSED' },
      'connection_refused',
    ],
    ['a silent server', { code: 'GREETING_TIMEOUT' }, 'timeout'],
    ['a silent server (nodemailer)', { code: 'ETIMEDOUT' }, 'timeout'],
    [
      'a missing folder',
      { mailboxMissing: true, responseText: "Mailbox doesn't exist" },
      'folder_missing',
    ],
    ['anything else', { code: 'EPROTOCOL', message: 'odd reply' }, 'unknown'],
  ])('sorts %s as %s', (_name, fields, kind) => {
    expect(classifyConnectionFailure(failure(fields), IMAP).kind).toBe(kind);
  });

  it('names the server, the folder and the way out in its messages', () => {
    expect(classifyConnectionFailure(failure({ mailboxMissing: true }), IMAP).message).toBe(
      'The folder "Support" does not exist on the IMAP server imap.example.com:993.',
    );
    expect(classifyConnectionFailure(failure({ code: 'ECONNREFUSED' }), IMAP).message).toBe(
      'Nothing accepts connections at imap.example.com:993: check the host and the port.',
    );
    expect(
      classifyConnectionFailure(
        failure({ authenticationFailed: true, responseText: 'Authentication failed.' }),
        IMAP,
      ).message,
    ).toBe(
      'The IMAP server imap.example.com:993 refused the user name or password (Authentication failed.).',
    );
    expect(classifyConnectionFailure(failure({ code: 'GREETING_TIMEOUT' }), IMAP).message).toMatch(
      /^The IMAP server imap\.example\.com:993 did not answer within 10 s/,
    );
  });

  it('copes with something thrown that is not an error', () => {
    expect(classifyConnectionFailure('boom', IMAP)).toEqual({
      kind: 'unknown',
      message: 'The IMAP server imap.example.com:993 failed: boom',
    });
  });
});
