// Who a mail says it is from: always the mailbox's address (so replies come back to it), under
// the agent's name or the mailbox's own name as the mailbox is set up.
import { singleLine } from './subject.js';

export type SenderNameMode = 'agent' | 'mailbox';

/** "Ada Lovelace via Support", or "Support"; the mailbox name when no agent wrote the mail. */
export function senderDisplayName(
  mode: SenderNameMode,
  mailboxName: string,
  agentName: string | null,
): string {
  const mailbox = singleLine(mailboxName);
  const agent = agentName === null ? '' : singleLine(agentName);
  return mode === 'agent' && agent.length > 0 ? `${agent} via ${mailbox}` : mailbox;
}

// Local parts that belong to machines: an automatic mail to them bounces, or starts a loop.
const MACHINE_LOCAL_PART =
  /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|donotreply|noreplies|bounces?|auto-?reply|autoresponder|listserv|majordomo|mail-?daemon)([+._-].*)?$/i;

/** An address no automatic mail (an acknowledgement) may go to. */
export function isMachineAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  const local = at < 0 ? address : address.slice(0, at);
  return MACHINE_LOCAL_PART.test(local.trim());
}
