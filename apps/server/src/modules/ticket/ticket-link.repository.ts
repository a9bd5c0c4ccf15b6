// Links between tickets, and the row locks that changes to two tickets at once (linking, merging)
// take in one order.
import { Injectable } from '@nestjs/common';
import type { TicketState } from '@tessera/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { singleRow } from '../../common/database/postgres.js';
import type { TicketLinkKind } from './ticket-link.entity.js';
import {
  scopeCondition,
  SELECT_TICKET,
  toRecord,
  type TicketRecord,
  type TicketRow,
  type TicketScope,
} from './ticket.repository.js';
import { prepared } from '../../common/database/prepared-statements.js';

export interface TicketLinkRecord {
  id: string;
  sourceId: string;
  targetId: string;
  kind: TicketLinkKind;
  createdAt: Date;
}

/** A link as one of its two tickets sees it: the ticket at the other end and which end it is. */
export interface LinkedTicketRecord {
  linkId: string;
  kind: TicketLinkKind;
  /** True when the ticket asked about is the link's source. */
  outgoing: boolean;
  createdAt: Date;
  ticketId: string;
  number: number;
  subject: string;
  state: TicketState;
}

interface LinkRow {
  id: string;
  source_id: string;
  target_id: string;
  kind: TicketLinkKind;
  created_at: Date;
}

const toLink = (row: LinkRow): TicketLinkRecord => ({
  id: row.id,
  sourceId: row.source_id,
  targetId: row.target_id,
  kind: row.kind,
  createdAt: row.created_at,
});

@Injectable()
export class TicketLinkRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Locks the tickets until the caller's transaction ends, lowest id first, so two requests that
   * lock the same tickets never wait on each other in a circle. Tickets that do not exist are
   * missing from the map.
   */
  async lockTickets(manager: EntityManager, ids: string[]): Promise<Map<string, TicketRecord>> {
    const rows = await manager.query<TicketRow[]>(
      `${SELECT_TICKET} WHERE t.id = ANY($1::uuid[]) ORDER BY t.id FOR UPDATE OF t`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, toRecord(row)]));
  }

  /** The link between two tickets, whichever way it points. */
  async findBetween(
    manager: EntityManager,
    a: string,
    b: string,
  ): Promise<TicketLinkRecord | undefined> {
    const rows = await manager.query<LinkRow[]>(
      prepared(`SELECT id, source_id, target_id, kind, created_at FROM ticket_links
        WHERE (source_id = $1 AND target_id = $2) OR (source_id = $2 AND target_id = $1)`),
      [a, b],
    );
    return rows[0] && toLink(rows[0]);
  }

  async insert(
    manager: EntityManager,
    link: { sourceId: string; targetId: string; kind: TicketLinkKind; createdBy: string | null },
    at: Date,
  ): Promise<TicketLinkRecord> {
    const rows = await manager.query<LinkRow[]>(
      prepared(`INSERT INTO ticket_links (source_id, target_id, kind, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5)
       RETURNING id, source_id, target_id, kind, created_at`),
      [link.sourceId, link.targetId, link.kind, link.createdBy, at],
    );
    return toLink(singleRow(rows));
  }

  /** Removes the link between two tickets, whichever way it points; returns it, if there was one. */
  async deleteBetween(
    manager: EntityManager,
    a: string,
    b: string,
  ): Promise<TicketLinkRecord | undefined> {
    const [rows] = await manager.query<[LinkRow[], number]>(
      `DELETE FROM ticket_links
        WHERE (source_id = $1 AND target_id = $2) OR (source_id = $2 AND target_id = $1)
       RETURNING id, source_id, target_id, kind, created_at`,
      [a, b],
    );
    return rows[0] && toLink(rows[0]);
  }

  /** The ticket's links, oldest first, leaving out those whose other ticket the scope hides. */
  async listFor(ticketId: string, scope: TicketScope): Promise<LinkedTicketRecord[]> {
    const params: unknown[] = [ticketId];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const visible = scopeCondition(scope, bind);
    const rows = await this.dataSource.query<
      (LinkRow & { number: number; subject: string; state: TicketState; other_id: string })[]
    >(
      `SELECT l.id, l.source_id, l.target_id, l.kind, l.created_at,
              t.id AS other_id, t.number, t.subject, t.state
         FROM ticket_links l
         JOIN tickets t ON t.id = CASE WHEN l.source_id = $1 THEN l.target_id ELSE l.source_id END
        WHERE (l.source_id = $1 OR l.target_id = $1)${visible ? ` AND ${visible}` : ''}
        ORDER BY l.created_at, l.id`,
      params,
    );
    return rows.map((row) => ({
      linkId: row.id,
      kind: row.kind,
      outgoing: row.source_id === ticketId,
      createdAt: row.created_at,
      ticketId: row.other_id,
      number: row.number,
      subject: row.subject,
      state: row.state,
    }));
  }
}
