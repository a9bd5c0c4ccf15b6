// Other modules act on new messages in the same transaction that stores them: the mail module
// queues the outgoing mail for a public reply, so a reply is never stored without its mail or
// mailed without being stored. The ticket module cannot depend on those modules (they depend on
// it), so they register here when they start.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TicketChannel } from './ticket.entity.js';

export interface StoredMessage {
  ticketId: string;
  messageId: string;
  authorId: string | null;
  internal: boolean;
  /** The author is the requester or another customer (not staff). */
  fromCustomer: boolean;
  /** How the message arrived: `email` for mail intake, `api` for the REST API. */
  channel: TicketChannel;
  /** The ticket was opened by this message. */
  opensTicket: boolean;
  /**
   * The message came from a machine (an auto-responder, a mailing list, a bounce): nothing may
   * answer it automatically, or two systems would mail each other forever.
   */
  automatic?: boolean;
  /** The mailbox a mail came in through (mail intake): the ticket is answered from it. */
  mailboxId?: string;
  /** The Message-ID the message was stored with (a mail's), when its writer had one. */
  mailMessageId?: string;
}

/** Acts on messages stored together (the first messages of a batch of tickets, or just one). */
export type MessageHook = (
  manager: EntityManager,
  messages: readonly StoredMessage[],
) => Promise<void>;

@Injectable()
export class TicketMessageHooks {
  private readonly hooks: MessageHook[] = [];

  register(hook: MessageHook): void {
    this.hooks.push(hook);
  }

  /** Runs every hook, in the caller's transaction: a failing hook rolls the message back. */
  afterMessage(manager: EntityManager, message: StoredMessage): Promise<void> {
    return this.afterMessages(manager, [message]);
  }

  /** As afterMessage, for messages stored together: each hook sees them all at once. */
  async afterMessages(manager: EntityManager, messages: readonly StoredMessage[]): Promise<void> {
    if (messages.length === 0) return;
    for (const hook of this.hooks) await hook(manager, messages);
  }
}
