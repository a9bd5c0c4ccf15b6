// Who may read an attachment. The ticket policy decides for attached files; this adds what is
// particular to files: uploads nobody has attached yet, and files on internal notes.
import { decide, type Actor } from '@tessera/domain';

export interface AttachmentOwnership {
  uploadedBy: string | null;
  /** Null while the file is an upload no message has claimed. */
  message: {
    internal: boolean;
    ticket: { queueId: string; requesterId: string; organizationId: string | null };
  } | null;
}

export function canReadAttachment(actor: Actor, attachment: AttachmentOwnership): boolean {
  const { message } = attachment;
  // Not part of any ticket yet: it is the uploader's alone, admins included.
  if (message === null) return attachment.uploadedBy === actor.userId;
  if (message.internal && actor.role === 'customer') return false;
  return decide(actor, 'ticket:read', { kind: 'ticket', ...message.ticket }).allowed;
}
