import { Injectable } from '@nestjs/common';
import { isValidEmailAddress, normalizeEmailAddress, type Role } from '@tessera/domain';
import type { EntityManager } from 'typeorm';
import { PasswordHasher } from '../../common/crypto/password-hasher.js';
import { decodeCursor, toPage, type Page } from '../../common/pagination/page.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthRepository } from '../auth/auth.repository.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import type { RequestActor } from '../permission/request-actor.js';
import type { AgentDto } from './dto/agent.dto.js';
import type { UserDto } from './dto/user.dto.js';
import { UserError } from './user.error.js';
import {
  UserRepository,
  type UserChanges,
  type UserFilter,
  type UserRecord,
} from './user.repository.js';

export interface NewUserInput {
  email: string;
  name: string;
  role: Role;
  password?: string;
  locale?: string;
  timezone?: string;
  /** Omitted: a customer joins the organisation owning their email's domain; null: none. */
  organizationId?: string | null;
}

/** A PATCH body (the DTOs refuse null for every field but organizationId). */
export interface UserPatch {
  email?: string;
  name?: string;
  role?: Role;
  active?: boolean;
  locale?: string;
  timezone?: string;
  mailNotifications?: boolean;
  organizationId?: string | null;
}

/** What a signed-in user may change about themselves. */
export type OwnProfilePatch = Pick<UserPatch, 'name' | 'locale' | 'timezone' | 'mailNotifications'>;

/** Agents, admins and customers: who they are, what they may do, and which company they are with. */
@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly organizations: OrganizationRepository,
    private readonly sessions: AuthRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async list(filter: UserFilter, limit: number, cursor?: string): Promise<Page<UserDto>> {
    const after = decodeCursor(cursor, ['text']);
    const rows = await this.users.findPage(filter, after && String(after[0]), limit);
    return toPage(
      rows,
      limit,
      (entry) => [entry.key],
      (entry) => toDto(entry.row),
    );
  }

  /** Who can be given a ticket: active agents and admins. */
  async listAssignable(limit: number, cursor?: string): Promise<Page<AgentDto>> {
    const after = decodeCursor(cursor, ['text']);
    const rows = await this.users.findAssignablePage(after && String(after[0]), limit);
    return toPage(
      rows,
      limit,
      (entry) => [entry.key],
      (entry) => entry.row,
    );
  }

  async get(id: string): Promise<UserDto> {
    const user = await this.users.findById(id);
    if (!user) throw UserError.notFound();
    return toDto(user);
  }

  async create(actor: RequestActor, input: NewUserInput, requestId: string): Promise<UserDto> {
    const email = normalizeEmailAddress(input.email);
    const name = cleanName(input.name);
    if (input.role !== 'customer' && input.organizationId) {
      throw UserError.organizationOnlyForCustomers();
    }
    // Hashing is slow on purpose: done before the transaction so no row lock waits for it.
    const passwordHash = input.password ? await this.hasher.hash(input.password) : null;
    return this.users.transaction(async (manager) => {
      const organizationId =
        input.organizationId === undefined
          ? await this.organizationByDomain(manager, input.role, email)
          : await this.existingOrganization(manager, input.organizationId);
      const created = await this.users.insert(manager, {
        email,
        name,
        role: input.role,
        passwordHash,
        organizationId,
        locale: input.locale ?? undefined,
        timezone: input.timezone ?? undefined,
      });
      if (!created) throw UserError.emailTaken(email);
      await this.audit.record(
        manager,
        actor,
        {
          action: 'user.create',
          entityType: 'user',
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
    patch: UserPatch,
    requestId: string,
  ): Promise<UserDto> {
    return this.users.transaction(async (manager) => {
      const before = await this.users.lockById(manager, id);
      if (!before) throw UserError.notFound();
      const changes = await this.changesFor(manager, before, patch);
      if (Object.keys(changes).length === 0) return toDto(before);

      const role = changes.role ?? before.role;
      const active = changes.active ?? before.active;
      if (before.role === 'admin' && before.active && (role !== 'admin' || !active)) {
        await this.users.lockAdminSet(manager);
        if ((await this.users.countActiveAdmins(manager)) <= 1) {
          throw UserError.lastAdmin(active ? 'role' : 'active');
        }
      }
      const after = await this.users.update(manager, id, changes);
      if (!after) throw UserError.emailTaken(changes.email ?? before.email);
      // API tokens stop on their own (the access guard loads only active users); web sessions
      // are ended here so a deactivated user cannot even refresh.
      if (before.active && !after.active) await this.sessions.deleteSessionsOf(id, manager);
      await this.audit.record(
        manager,
        actor,
        {
          action: auditAction(before, after),
          entityType: 'user',
          entityId: id,
          before: snapshot(before),
          after: snapshot(after),
        },
        requestId,
      );
      return toDto(after);
    });
  }

  /** The signed-in user changes their own name, language, time zone or mail notifications. */
  updateOwnProfile(
    actor: RequestActor,
    patch: OwnProfilePatch,
    requestId: string,
  ): Promise<UserDto> {
    const { name, locale, timezone, mailNotifications } = patch;
    return this.update(
      actor,
      actor.userId,
      { name, locale, timezone, mailNotifications },
      requestId,
    );
  }

  /**
   * The customer with this address, created on first contact (an email, a portal form) and then
   * a member of the organisation owning the address's domain. Runs in the caller's transaction;
   * concurrent calls for one address get the same user.
   */
  async findOrCreateCustomer(
    manager: EntityManager,
    email: string,
    name: string,
  ): Promise<UserRecord> {
    const address = normalizeEmailAddress(email);
    if (!isValidEmailAddress(address)) throw UserError.invalidEmail();
    const existing = await this.users.findByEmail(manager, address);
    if (existing) return existing;
    const created = await this.users.insert(manager, {
      email: address,
      name: customerName(name, address),
      role: 'customer',
      passwordHash: null,
      organizationId: await this.organizationByDomain(manager, 'customer', address),
    });
    if (!created) {
      // Another transaction created them between our read and our insert.
      const raced = await this.users.findByEmail(manager, address);
      if (raced) return raced;
      throw new Error(`customer ${address} neither inserted nor found`);
    }
    await this.audit.record(manager, null, {
      action: 'user.create',
      entityType: 'user',
      entityId: created.id,
      after: snapshot(created),
    });
    return created;
  }

  /**
   * findOrCreateCustomer for several people at once, in the caller's transaction: one lookup for
   * all of them, then a customer created for each address nobody has yet. By position.
   */
  async findOrCreateCustomers(
    manager: EntityManager,
    people: readonly { email: string; name: string }[],
  ): Promise<UserRecord[]> {
    const found = await this.users.findByEmails(
      manager,
      people.map((person) => normalizeEmailAddress(person.email)),
    );
    const users: UserRecord[] = [];
    for (const [index, person] of people.entries()) {
      users.push(
        found[index] ?? (await this.findOrCreateCustomer(manager, person.email, person.name)),
      );
    }
    return users;
  }

  /** The columns that really change, after checking the combination is allowed. */
  private async changesFor(
    manager: EntityManager,
    before: UserRecord,
    patch: UserPatch,
  ): Promise<UserChanges> {
    const changes: UserChanges = {};
    const email = patch.email == null ? undefined : normalizeEmailAddress(patch.email);
    if (email !== undefined && email !== before.email) changes.email = email;
    const name = patch.name == null ? undefined : cleanName(patch.name);
    if (name !== undefined && name !== before.name) changes.name = name;
    if (patch.role != null && patch.role !== before.role) changes.role = patch.role;
    if (patch.active != null && patch.active !== before.active) changes.active = patch.active;
    if (patch.locale != null && patch.locale !== before.locale) changes.locale = patch.locale;
    if (patch.timezone != null && patch.timezone !== before.timezone) {
      changes.timezone = patch.timezone;
    }
    if (patch.mailNotifications != null && patch.mailNotifications !== before.mailNotifications) {
      changes.mailNotifications = patch.mailNotifications;
    }
    const organizationId =
      patch.organizationId === undefined ? before.organizationId : patch.organizationId;
    if ((changes.role ?? before.role) !== 'customer' && organizationId !== null) {
      throw UserError.organizationOnlyForCustomers();
    }
    if (organizationId !== before.organizationId) {
      changes.organizationId = await this.existingOrganization(manager, organizationId);
    }
    return changes;
  }

  private async organizationByDomain(
    manager: EntityManager,
    role: Role,
    email: string,
  ): Promise<string | null> {
    if (role !== 'customer') return null;
    const domain = email.slice(email.lastIndexOf('@') + 1);
    return (await this.organizations.findIdByDomain(manager, domain)) ?? null;
  }

  /** The organisation a user is being put in, held so it cannot be deleted under them. */
  private async existingOrganization(
    manager: EntityManager,
    organizationId: string | null,
  ): Promise<string | null> {
    if (organizationId === null) return null;
    if (!(await this.organizations.holdExisting(manager, organizationId))) {
      throw UserError.noSuchOrganization();
    }
    return organizationId;
  }
}

const NAME_MAX_LENGTH = 200;

/** Names are stored trimmed; one that is only spaces is no name. */
function cleanName(name: string): string {
  const cleaned = name.trim();
  if (cleaned === '') throw UserError.blankName();
  return cleaned;
}

/** Mail display names can be empty or longer than the column: then the address stands in. */
function customerName(displayName: string, address: string): string {
  const fit = (text: string) => [...text.trim()].slice(0, NAME_MAX_LENGTH).join('');
  return fit(displayName) || fit(address.slice(0, address.lastIndexOf('@')));
}

/** Deactivation and role changes get their own action, so the trail shows them at a glance. */
function auditAction(before: UserRecord, after: UserRecord): string {
  if (before.active !== after.active) return after.active ? 'user.reactivate' : 'user.deactivate';
  if (before.role !== after.role) return 'user.role_change';
  return 'user.update';
}

/** What the audit trail keeps of a user: never the password hash. */
function snapshot(user: UserRecord): Record<string, unknown> {
  return {
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    locale: user.locale,
    timezone: user.timezone,
    mailNotifications: user.mailNotifications,
    organizationId: user.organizationId,
  };
}

function toDto(user: UserRecord): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    locale: user.locale,
    timezone: user.timezone,
    mailNotifications: user.mailNotifications,
    organizationId: user.organizationId,
    hasPassword: user.hasPassword,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
