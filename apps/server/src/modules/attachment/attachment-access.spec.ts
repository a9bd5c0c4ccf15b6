import { describe, expect, it } from '@jest/globals';
import type { Actor, QueueAccessLevel, Role } from '@tessera/domain';
import { canReadAttachment, type AttachmentOwnership } from './attachment-access.js';

const QUEUE = 'queue-1';
const CUSTOMER = 'customer-1';

function actor(role: Role, userId: string, queues: [string, QueueAccessLevel][] = []): Actor {
  return {
    userId,
    role,
    organizationId: null,
    organizationSharesTickets: false,
    queueAccess: new Map(queues),
    readOnly: false,
  };
}

const upload = (uploadedBy: string): AttachmentOwnership => ({ uploadedBy, message: null });
const onMessage = (internal: boolean): AttachmentOwnership => ({
  uploadedBy: 'someone',
  message: {
    internal,
    ticket: { queueId: QUEUE, requesterId: CUSTOMER, organizationId: null },
  },
});

describe('canReadAttachment', () => {
  it('shows an unattached upload to its uploader only, admins included', () => {
    expect(canReadAttachment(actor('customer', 'u1'), upload('u1'))).toBe(true);
    expect(canReadAttachment(actor('customer', 'u2'), upload('u1'))).toBe(false);
    expect(canReadAttachment(actor('admin', 'admin'), upload('u1'))).toBe(false);
  });

  it('follows ticket visibility for files on public messages', () => {
    expect(canReadAttachment(actor('customer', CUSTOMER), onMessage(false))).toBe(true);
    expect(canReadAttachment(actor('customer', 'other'), onMessage(false))).toBe(false);
    expect(canReadAttachment(actor('agent', 'a', [[QUEUE, 'view']]), onMessage(false))).toBe(true);
    expect(
      canReadAttachment(actor('agent', 'a', [['elsewhere', 'manage']]), onMessage(false)),
    ).toBe(false);
    expect(canReadAttachment(actor('admin', 'admin'), onMessage(false))).toBe(true);
  });

  it('hides files on internal notes from customers, even their own ticket', () => {
    expect(canReadAttachment(actor('customer', CUSTOMER), onMessage(true))).toBe(false);
    expect(canReadAttachment(actor('agent', 'a', [[QUEUE, 'view']]), onMessage(true))).toBe(true);
  });
});
