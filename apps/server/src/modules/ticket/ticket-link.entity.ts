import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { User } from '../user/user.entity.js';
import { Ticket } from './ticket.entity.js';

export const TICKET_LINK_KINDS = ['related', 'follow_up'] as const;
export type TicketLinkKind = (typeof TICKET_LINK_KINDS)[number];

/**
 * Two tickets that belong together. `related` is set by agents; a `follow_up` is made when a
 * customer answers a closed ticket: its source is the new ticket, its target the closed one.
 */
@Entity({ name: 'ticket_links' })
// Also serves the lookups from the source side.
@Unique('ticket_links_source_target_key', ['sourceId', 'targetId'])
@Check('ticket_links_not_self_check', `"source_id" <> "target_id"`)
@Check('ticket_links_kind_check', `"kind" IN ('related', 'follow_up')`)
export class TicketLink {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'ticket_links_pkey' })
  id: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'ticket_links_source_id_fkey' })
  source: Relation<Ticket>;

  /** The lookups from the target side. */
  @Index('ticket_links_target_id_idx')
  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id', foreignKeyConstraintName: 'ticket_links_target_id_fkey' })
  target: Relation<Ticket>;

  @Column({ type: 'varchar', length: 20 })
  kind: TicketLinkKind;

  /** Null when Tessera made it by itself, or when its author was removed. */
  @Index('ticket_links_created_by_idx')
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'ticket_links_created_by_fkey' })
  creator: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
