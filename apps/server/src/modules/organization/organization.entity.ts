import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { OrganizationDomain } from './organization-domain.entity.js';

/** A customer company. New customers whose address matches one of its domains join it. */
@Entity({ name: 'organizations' })
// Names are unique regardless of case; the expression index is written by hand in the migration.
@Index('organizations_name_lower_key', { synchronize: false })
export class Organization {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'organizations_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Free text used by SLA policies and routing, e.g. `enterprise`. */
  @Index('organizations_tier_idx')
  @Column({ type: 'varchar', length: 50, nullable: true })
  tier: string | null;

  /** Members may see each other's tickets. */
  @Column({ name: 'share_tickets', type: 'boolean', default: false })
  shareTickets: boolean;

  @OneToMany(() => OrganizationDomain, (domain) => domain.organization)
  domains: Relation<OrganizationDomain>[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
