// What every mail imported in one transaction looks up alike, read once for the transaction
// instead of once a mail: the support addresses, the ticket hook, the queues' default priorities,
// and which of the mails' Message-IDs are stored on tickets already.
import type { EntityManager } from 'typeorm';
import type { TicketPriority } from '../../queue/queue.entity.js';
import type { SettingsService } from '../../settings/settings.service.js';
import type { MailIntakeRepository } from './mail-intake.repository.js';

export class IntakeLookups {
  private own: Promise<string[]> | undefined;
  private hook: Promise<string> | undefined;
  private readonly priorities = new Map<string, Promise<TicketPriority>>();
  /** Message-IDs looked up ahead (storedAhead), and those of them found stored. */
  private readonly lookedUp = new Set<string>();
  private readonly stored = new Set<string>();

  constructor(
    private readonly manager: EntityManager,
    private readonly repository: MailIntakeRepository,
    private readonly settings: SettingsService,
  ) {}

  /** Every support address, lower case: mail from them is Tessera's own. */
  ownAddresses(): Promise<string[]> {
    this.own ??= this.repository.ownAddresses(this.manager);
    return this.own;
  }

  /** The word before ticket numbers in subjects ("Ticket#"). */
  ticketHook(): Promise<string> {
    this.hook ??= this.settings.get(this.manager).then((settings) => settings.ticketHook);
    return this.hook;
  }

  queuePriority(queueId: string): Promise<TicketPriority> {
    let priority = this.priorities.get(queueId);
    if (!priority) {
      priority = this.repository.queuePriority(this.manager, queueId);
      this.priorities.set(queueId, priority);
    }
    return priority;
  }

  /**
   * Looks up at once whether these Message-IDs are stored. Only for the keys of mails claimed in
   * this transaction: no other mail of it can store a message under such a key meanwhile.
   */
  async storedAhead(mailMessageIds: string[]): Promise<void> {
    const unknown = mailMessageIds.filter((id) => !this.lookedUp.has(id));
    if (unknown.length === 0) return;
    const found = await this.repository.findStoredMessageIds(this.manager, unknown);
    for (const id of unknown) this.lookedUp.add(id);
    for (const id of found) this.stored.add(id);
  }

  /** Whether a ticket message was stored or sent with this Message-ID. */
  async isMessageStored(mailMessageId: string): Promise<boolean> {
    if (this.lookedUp.has(mailMessageId)) return this.stored.has(mailMessageId);
    return this.repository.isMessageStored(this.manager, mailMessageId);
  }
}
