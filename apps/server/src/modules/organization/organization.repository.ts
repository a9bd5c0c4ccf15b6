import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation, likePrefix } from '../../common/database/postgres.js';

export interface OrganizationRecord {
  id: string;
  name: string;
  tier: string | null;
  shareTickets: boolean;
  /** Lower case, in byte order (as JavaScript sorts them). */
  domains: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface OrganizationChanges {
  name?: string;
  tier?: string | null;
  shareTickets?: boolean;
}

interface OrganizationRow {
  id: string;
  name: string;
  tier: string | null;
  share_tickets: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, name, tier, share_tickets, created_at, updated_at';

const CHANGE_COLUMNS: Record<keyof OrganizationChanges, string> = {
  name: 'name',
  tier: 'tier',
  shareTickets: 'share_tickets',
};

/**
 * Every query on organisations and their domains. Lists are ordered by lower(name): the unique
 * index organizations_name_lower_key both sorts them and makes that key unique, so it is the
 * whole cursor.
 */
@Injectable()
export class OrganizationRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** One page after the key `after` (a lower-cased name), `limit + 1` rows, domains included. */
  async findPage(
    q: string | undefined,
    after: string | undefined,
    limit: number,
  ): Promise<{ row: OrganizationRecord; key: string }[]> {
    const rows = await this.dataSource.query<(OrganizationRow & { sort_key: string })[]>(
      `SELECT ${COLUMNS}, lower(name) AS sort_key FROM organizations
        WHERE ($1::text IS NULL OR lower(name) LIKE lower($1))
          AND ($2::text IS NULL OR lower(name) > $2)
        ORDER BY lower(name) LIMIT $3`,
      [q === undefined ? null : likePrefix(q), after ?? null, limit + 1],
    );
    const domains = await this.domainsOf(
      this.dataSource.manager,
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      row: toRecord(row, domains.get(row.id) ?? []),
      key: row.sort_key,
    }));
  }

  async findById(id: string): Promise<OrganizationRecord | undefined> {
    const [row] = await this.dataSource.query<OrganizationRow[]>(
      `SELECT ${COLUMNS} FROM organizations WHERE id = $1`,
      [id],
    );
    if (!row) return undefined;
    const domains = await this.domainsOf(this.dataSource.manager, [row.id]);
    return toRecord(row, domains.get(row.id) ?? []);
  }

  /** Reads an organisation and locks it until the transaction ends, for a read-then-write. */
  async lockById(manager: EntityManager, id: string): Promise<OrganizationRecord | undefined> {
    const [row] = await manager.query<OrganizationRow[]>(
      `SELECT ${COLUMNS} FROM organizations WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row) return undefined;
    const domains = await this.domainsOf(manager, [row.id]);
    return toRecord(row, domains.get(row.id) ?? []);
  }

  /**
   * True when the organisation exists; it then cannot be deleted before the transaction ends,
   * so a user can safely be made a member of it.
   */
  async holdExisting(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      'SELECT 1 FROM organizations WHERE id = $1 FOR KEY SHARE',
      [id],
    );
    return rows.length > 0;
  }

  /** The organisation owning an email domain (lower case), if any. */
  async findIdByDomain(manager: EntityManager, domain: string): Promise<string | undefined> {
    const [row] = await manager.query<{ organization_id: string }[]>(
      'SELECT organization_id FROM organization_domains WHERE domain = $1',
      [domain],
    );
    return row?.organization_id;
  }

  /** Inserts an organisation without domains; undefined when the name (in any case) is taken. */
  async insert(
    manager: EntityManager,
    organization: { name: string; tier: string | null; shareTickets: boolean },
  ): Promise<OrganizationRecord | undefined> {
    const [row] = await manager.query<OrganizationRow[]>(
      `INSERT INTO organizations (name, tier, share_tickets) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [organization.name, organization.tier, organization.shareTickets],
    );
    return row && toRecord(row, []);
  }

  /** Applies the changes (domains aside); undefined when the new name is taken. */
  async update(
    manager: EntityManager,
    id: string,
    changes: OrganizationChanges,
  ): Promise<OrganizationRecord | undefined> {
    const parameters: unknown[] = [id];
    const assignments = (Object.keys(changes) as (keyof OrganizationChanges)[])
      .filter((field) => changes[field] !== undefined)
      .map((field) => `${CHANGE_COLUMNS[field]} = $${parameters.push(changes[field])}`);
    try {
      const [[row]] = await manager.query<[OrganizationRow[], number]>(
        `UPDATE organizations SET ${[...assignments, 'updated_at = now()'].join(', ')}
          WHERE id = $1 RETURNING ${COLUMNS}`,
        parameters,
      );
      if (!row) throw new Error(`organization ${id} vanished while locked`);
      const domains = await this.domainsOf(manager, [id]);
      return toRecord(row, domains.get(id) ?? []);
    } catch (error) {
      if (isUniqueViolation(error, 'organizations_name_lower_key')) return undefined;
      throw error;
    }
  }

  /**
   * Makes `domains` (lower case) exactly the organisation's domains. Returns the ones another
   * organisation owns: then nothing must be committed.
   */
  async replaceDomains(manager: EntityManager, id: string, domains: string[]): Promise<string[]> {
    await manager.query(
      'DELETE FROM organization_domains WHERE organization_id = $1 AND domain <> ALL($2::text[])',
      [id, domains],
    );
    // A domain owned elsewhere is skipped here and reported below, without aborting the transaction.
    await manager.query(
      `INSERT INTO organization_domains (domain, organization_id)
       SELECT unnest($2::text[]), $1 ON CONFLICT (domain) DO NOTHING`,
      [id, domains],
    );
    const taken = await manager.query<{ domain: string }[]>(
      `SELECT domain FROM organization_domains
        WHERE domain = ANY($2::text[]) AND organization_id <> $1 ORDER BY domain`,
      [id, domains],
    );
    return taken.map((row) => row.domain);
  }

  /** Deletes the organisation and its domains; members stay, without an organisation. */
  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query('DELETE FROM organizations WHERE id = $1', [id]);
  }

  private async domainsOf(manager: EntityManager, ids: string[]): Promise<Map<string, string[]>> {
    const byOrganization = new Map<string, string[]>();
    if (ids.length === 0) return byOrganization;
    const rows = await manager.query<{ domain: string; organization_id: string }[]>(
      `SELECT domain, organization_id FROM organization_domains
        WHERE organization_id = ANY($1::uuid[]) ORDER BY domain COLLATE "C"`,
      [ids],
    );
    for (const row of rows) {
      byOrganization.set(row.organization_id, [
        ...(byOrganization.get(row.organization_id) ?? []),
        row.domain,
      ]);
    }
    return byOrganization;
  }
}

function toRecord(row: OrganizationRow, domains: string[]): OrganizationRecord {
  return {
    id: row.id,
    name: row.name,
    tier: row.tier,
    shareTickets: row.share_tickets,
    domains,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
