// The statements of a merge, each run in the merge's transaction with both tickets locked.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SEARCH_DOCUMENT_WITH_SUBJECT } from './ticket.repository.js';

@Injectable()
export class TicketMergeRepository {
  /** Moves every message, notes included, from one ticket to another; returns how many. */
  async moveMessages(manager: EntityManager, fromId: string, toId: string): Promise<number> {
    const [, moved] = await manager.query<[unknown[], number]>(
      'UPDATE ticket_messages SET ticket_id = $2 WHERE ticket_id = $1',
      [fromId, toId],
    );
    return moved;
  }

  /**
   * Leaves the ticket merged into another one. Its search document is rebuilt without the messages
   * it gave away, which are found under the ticket they went to.
   */
  async markMerged(
    manager: EntityManager,
    ticket: { id: string; subject: string },
    intoId: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE tickets
          SET state = 'merged', merged_into_id = $4, version = version + 1, updated_at = $2,
              search_vector = ${SEARCH_DOCUMENT_WITH_SUBJECT}
        WHERE id = $1`,
      [ticket.id, at, ticket.subject, intoId],
    );
  }

  /**
   * Records on the ticket merged into that it took messages (and `tags`, when given): a new
   * version, and a search document rebuilt with every public message it now holds.
   */
  async absorb(
    manager: EntityManager,
    ticket: { id: string; subject: string },
    tags: string[] | undefined,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE tickets
          SET tags = COALESCE($4, tags), version = version + 1, updated_at = $2,
              search_vector = ${SEARCH_DOCUMENT_WITH_SUBJECT}
        WHERE id = $1`,
      [ticket.id, at, ticket.subject, tags ?? null],
    );
  }
}
