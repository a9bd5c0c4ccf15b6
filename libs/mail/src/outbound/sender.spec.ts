import { describe, expect, it } from '@jest/globals';
import { isMachineAddress, senderDisplayName } from './sender.js';

describe('senderDisplayName', () => {
  it('names the agent via the mailbox', () => {
    expect(senderDisplayName('agent', 'Support', 'Ada Lovelace')).toBe('Ada Lovelace via Support');
  });

  it('is the mailbox name in mailbox mode, or without an agent', () => {
    expect(senderDisplayName('mailbox', 'Support', 'Ada Lovelace')).toBe('Support');
    expect(senderDisplayName('agent', 'Support', null)).toBe('Support');
    expect(senderDisplayName('agent', 'Support', '  ')).toBe('Support');
  });

  it('keeps names on one line', () => {
    expect(senderDisplayName('agent', 'Sup\nport', 'Ada\r\nLovelace')).toBe(
      'Ada Lovelace via Sup port',
    );
  });
});

describe('isMachineAddress', () => {
  it.each([
    'MAILER-DAEMON@example.com',
    'postmaster@example.com',
    'no-reply@example.com',
    'noreply@example.com',
    'noreply+123@example.com',
    'do-not-reply@example.com',
    'donotreply@example.com',
    'bounces@lists.example.com',
    'bounce-12345@example.com',
  ])('%s belongs to a machine', (address) => {
    expect(isMachineAddress(address)).toBe(true);
  });

  it.each(['ada@example.com', 'noreen@example.com', 'replyguy@example.com', 'postman@example.com'])(
    '%s belongs to a person',
    (address) => {
      expect(isMachineAddress(address)).toBe(false);
    },
  );
});
