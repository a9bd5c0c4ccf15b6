import type { QueueAccessLevel } from '@tessera/domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Team } from '../team/team.entity.js';
import { User } from '../user/user.entity.js';
import { Queue } from './queue.entity.js';

/** Access to one queue, granted to exactly one agent or one team. */
@Entity({ name: 'queue_grants' })
@Check('queue_grants_level_check', `"level" IN ('view', 'reply', 'manage')`)
@Check('queue_grants_one_grantee_check', `num_nonnulls("user_id", "team_id") = 1`)
@Index('queue_grants_queue_user_key', ['queueId', 'userId'], { unique: true })
@Index('queue_grants_queue_team_key', ['queueId', 'teamId'], { unique: true })
export class QueueGrant {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'queue_grants_pkey' })
  id: string;

  @Column({ name: 'queue_id', type: 'uuid' })
  queueId: string;

  @ManyToOne(() => Queue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'queue_id', foreignKeyConstraintName: 'queue_grants_queue_id_fkey' })
  queue: Relation<Queue>;

  @Index('queue_grants_user_id_idx')
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'queue_grants_user_id_fkey' })
  user: Relation<User> | null;

  @Index('queue_grants_team_id_idx')
  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'queue_grants_team_id_fkey' })
  team: Relation<Team> | null;

  @Column({ type: 'varchar', length: 10 })
  level: QueueAccessLevel;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
