import { Injectable } from '@nestjs/common';
import { decodeCursor, toPage, type Page } from '../../common/pagination/page.js';
import { AuditService } from '../audit/audit.service.js';
import type { RequestActor } from '../permission/request-actor.js';
import type { OrganizationDto } from './dto/organization.dto.js';
import { OrganizationError } from './organization.error.js';
import {
  OrganizationRepository,
  type OrganizationChanges,
  type OrganizationRecord,
} from './organization.repository.js';

export interface OrganizationInput {
  name: string;
  tier?: string | null;
  shareTickets?: boolean;
  domains?: string[];
}

/** A PATCH body: null may arrive in any field and is refused where the column is not nullable. */
export interface OrganizationPatch {
  name?: string | null;
  tier?: string | null;
  shareTickets?: boolean | null;
  domains?: string[] | null;
}

/** Customer companies and the email domains that decide which one a new customer joins. */
@Injectable()
export class OrganizationService {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly audit: AuditService,
  ) {}

  async list(
    q: string | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<OrganizationDto>> {
    const after = decodeCursor(cursor, ['text']);
    const rows = await this.organizations.findPage(q, after && String(after[0]), limit);
    return toPage(
      rows,
      limit,
      (entry) => [entry.key],
      (entry) => toDto(entry.row),
    );
  }

  async get(id: string): Promise<OrganizationDto> {
    const organization = await this.organizations.findById(id);
    if (!organization) throw OrganizationError.notFound();
    return toDto(organization);
  }

  async create(
    actor: RequestActor,
    input: OrganizationInput,
    requestId: string,
  ): Promise<OrganizationDto> {
    const name = input.name.trim();
    return this.organizations.transaction(async (manager) => {
      const inserted = await this.organizations.insert(manager, {
        name,
        tier: input.tier ?? null,
        shareTickets: input.shareTickets ?? false,
      });
      if (!inserted) throw OrganizationError.nameTaken(name);
      const domains = normalizeDomains(input.domains ?? []);
      const taken = await this.organizations.replaceDomains(manager, inserted.id, domains);
      if (taken.length > 0) throw OrganizationError.domainsTaken(taken);
      const created = { ...inserted, domains };
      await this.audit.record(
        manager,
        actor,
        {
          action: 'organization.create',
          entityType: 'organization',
          entityId: created.id,
          after: snapshot(created),
        },
        requestId,
      );
      return toDto(created);
    });
  }

  async update(
    actor: RequestActor,
    id: string,
    patch: OrganizationPatch,
    requestId: string,
  ): Promise<OrganizationDto> {
    const nulls = (['name', 'shareTickets', 'domains'] as const).filter((f) => patch[f] === null);
    if (nulls.length > 0) throw OrganizationError.notNullable(nulls);
    return this.organizations.transaction(async (manager) => {
      const before = await this.organizations.lockById(manager, id);
      if (!before) throw OrganizationError.notFound();
      const changes: OrganizationChanges = {};
      const name = patch.name?.trim();
      if (name !== undefined && name !== before.name) changes.name = name;
      if (patch.tier !== undefined && patch.tier !== before.tier) changes.tier = patch.tier;
      if (patch.shareTickets != null && patch.shareTickets !== before.shareTickets) {
        changes.shareTickets = patch.shareTickets;
      }
      const domains = patch.domains ? normalizeDomains(patch.domains) : before.domains;
      const domainsChanged = domains.join(' ') !== before.domains.join(' ');
      if (Object.keys(changes).length === 0 && !domainsChanged) return toDto(before);

      let after = before;
      if (Object.keys(changes).length > 0) {
        const updated = await this.organizations.update(manager, id, changes);
        if (!updated) throw OrganizationError.nameTaken(changes.name ?? before.name);
        after = updated;
      }
      if (domainsChanged) {
        const taken = await this.organizations.replaceDomains(manager, id, domains);
        if (taken.length > 0) throw OrganizationError.domainsTaken(taken);
        after = { ...after, domains };
      }
      await this.audit.record(
        manager,
        actor,
        {
          action: 'organization.update',
          entityType: 'organization',
          entityId: id,
          before: snapshot(before),
          after: snapshot(after),
        },
        requestId,
      );
      return toDto(after);
    });
  }

  /** Members stay, without an organisation (the foreign key sets it to null). */
  async delete(actor: RequestActor, id: string, requestId: string): Promise<void> {
    await this.organizations.transaction(async (manager) => {
      const before = await this.organizations.lockById(manager, id);
      if (!before) throw OrganizationError.notFound();
      await this.organizations.delete(manager, id);
      await this.audit.record(
        manager,
        actor,
        {
          action: 'organization.delete',
          entityType: 'organization',
          entityId: id,
          before: snapshot(before),
        },
        requestId,
      );
    });
  }
}

/** Lower case, without duplicates, sorted: the form domains are stored and compared in. */
function normalizeDomains(domains: string[]): string[] {
  return [...new Set(domains.map((domain) => domain.trim().toLowerCase()))].sort();
}

/** What the audit trail keeps of an organisation. */
function snapshot(organization: OrganizationRecord): Record<string, unknown> {
  return {
    name: organization.name,
    tier: organization.tier,
    shareTickets: organization.shareTickets,
    domains: organization.domains,
  };
}

function toDto(organization: OrganizationRecord): OrganizationDto {
  return {
    id: organization.id,
    name: organization.name,
    tier: organization.tier,
    shareTickets: organization.shareTickets,
    domains: organization.domains,
    createdAt: organization.createdAt.toISOString(),
    updatedAt: organization.updatedAt.toISOString(),
  };
}
