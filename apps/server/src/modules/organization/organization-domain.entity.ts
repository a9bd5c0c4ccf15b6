import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Organization } from './organization.entity.js';

/** An email domain (lower case) owned by one organisation: the key for matching new customers. */
@Entity({ name: 'organization_domains' })
export class OrganizationDomain {
  @PrimaryColumn({
    type: 'varchar',
    length: 253,
    primaryKeyConstraintName: 'organization_domains_pkey',
  })
  domain: string;

  @Index('organization_domains_organization_id_idx')
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, (organization) => organization.domains, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'organization_domains_organization_id_fkey',
  })
  organization: Relation<Organization>;
}
