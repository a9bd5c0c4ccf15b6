import { describe, expect, it } from '@jest/globals';
import { sendFailureOf } from './smtp-failure.js';

const TARGET = {
  protocol: 'SMTP' as const,
  host: 'smtp.example.com',
  port: 587,
  timeoutSeconds: 10,
};

function smtpError(fields: Record<string, unknown>): Error {
  const message = typeof fields.message === 'string' ? fields.message : 'failed';
  return Object.assign(new Error(message), fields);
}

describe('sendFailureOf', () => {
  it('gives up on a 5xx reply, quoting the server', () => {
    expect(
      sendFailureOf(
        smtpError({ code: 'EMESSAGE', responseCode: 554, response: '554 5.7.1 Spam' }),
        TARGET,
      ),
    ).toEqual({ permanent: true, reason: '554 5.7.1 Spam' });
  });

  it('retries a 4xx reply', () => {
    expect(
      sendFailureOf(smtpError({ responseCode: 451, response: '451 4.3.0 Try later' }), TARGET),
    ).toEqual({ permanent: false, reason: '451 4.3.0 Try later' });
  });

  it('gives up when every recipient was refused for good, retries when one was only deferred', () => {
    const refused = (responseCode: number) => ({ responseCode, response: `${responseCode} no` });
    const all5xx = smtpError({
      code: 'EENVELOPE',
      responseCode: 550,
      response: '550 no',
      rejectedErrors: [refused(550), refused(553)],
    });
    expect(sendFailureOf(all5xx, TARGET).permanent).toBe(true);
    const oneDeferred = smtpError({
      code: 'EENVELOPE',
      responseCode: 550,
      response: '550 no',
      rejectedErrors: [refused(550), refused(452)],
    });
    expect(sendFailureOf(oneDeferred, TARGET).permanent).toBe(false);
  });

  it('treats a refused sign-in as permanent', () => {
    expect(
      sendFailureOf(
        smtpError({ code: 'EAUTH', responseCode: 535, response: '535 Invalid login' }),
        TARGET,
      ).permanent,
    ).toBe(true);
  });

  it('retries when there was no server to answer, saying why', () => {
    const failure = sendFailureOf(
      smtpError({ code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }),
      TARGET,
    );
    expect(failure.permanent).toBe(false);
    expect(failure.reason).toMatch(/Nothing accepts connections at smtp\.example\.com:587/);
    expect(sendFailureOf(smtpError({ code: 'ETIMEDOUT' }), TARGET).permanent).toBe(false);
  });
});
