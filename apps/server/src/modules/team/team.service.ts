import { Injectable } from '@nestjs/common';
import { toPage, type Page } from '../../common/pagination/page.js';
import { AuditService } from '../audit/audit.service.js';
import type { RequestActor } from '../permission/request-actor.js';
import type { CreateTeamDto, TeamDetailDto, TeamDto, UpdateTeamDto } from './dto/team.dto.js';
import { decodeNameCursor, nameCursorKey } from '../../common/pagination/name-cursor.js';
import { TeamError } from './team.error.js';
import type { Team } from './team.entity.js';
import {
  TeamRepository,
  type TeamChanges,
  type TeamMemberRow,
  type TeamSummary,
} from './team.repository.js';

const EDITABLE = ['name', 'description'] as const;

/** Teams of agents: queue access granted to a team applies to each member. */
@Injectable()
export class TeamService {
  constructor(
    private readonly teams: TeamRepository,
    private readonly audit: AuditService,
  ) {}

  async list(filter: { q?: string }, limit: number, cursor?: string): Promise<Page<TeamDto>> {
    const rows = await this.teams.findPage(filter, decodeNameCursor(cursor), limit);
    return toPage(rows, limit, nameCursorKey, toSummaryDto);
  }

  async get(id: string): Promise<TeamDetailDto> {
    const team = await this.teams.findById(id);
    if (!team) throw TeamError.notFound();
    return toDetailDto(team, await this.teams.findMembers(id));
  }

  async create(
    actor: RequestActor,
    input: CreateTeamDto,
    requestId: string,
  ): Promise<TeamDetailDto> {
    return this.teams.transaction(async (manager) => {
      const team = await this.teams.insert(manager, {
        name: input.name,
        description: input.description ?? '',
      });
      await this.audit.record(
        manager,
        actor,
        {
          action: 'team.create',
          entityType: 'team',
          entityId: team.id,
          after: { name: team.name, description: team.description },
        },
        requestId,
      );
      return toDetailDto(team, []);
    });
  }

  /** Changes only what differs; a request that changes nothing writes (and records) nothing. */
  async update(
    actor: RequestActor,
    id: string,
    input: UpdateTeamDto,
    requestId: string,
  ): Promise<TeamDetailDto> {
    return this.teams.transaction(async (manager) => {
      const current = await this.teams.lockById(manager, id);
      if (!current) throw TeamError.notFound();
      const changed = EDITABLE.filter(
        (field) => input[field] !== undefined && input[field] !== current[field],
      );
      let team = current;
      if (changed.length > 0) {
        const before = pick(current, changed);
        const after = pick(input, changed);
        team = await this.teams.update(manager, id, after);
        await this.audit.record(
          manager,
          actor,
          { action: 'team.update', entityType: 'team', entityId: id, before, after },
          requestId,
        );
      }
      return toDetailDto(team, await this.teams.findMembers(id, manager));
    });
  }

  /**
   * Members and the team's queue grants go with it (the foreign keys cascade); the audit event
   * keeps both, so the access its members lost can be told.
   */
  async delete(actor: RequestActor, id: string, requestId: string): Promise<void> {
    await this.teams.transaction(async (manager) => {
      const team = await this.teams.lockById(manager, id);
      if (!team) throw TeamError.notFound();
      const members = await this.teams.findMembers(id, manager);
      const grants = await this.teams.findQueueGrants(manager, id);
      await this.teams.delete(manager, id);
      await this.audit.record(
        manager,
        actor,
        {
          action: 'team.delete',
          entityType: 'team',
          entityId: id,
          before: {
            name: team.name,
            description: team.description,
            memberIds: members.map((m) => m.id),
            queueGrants: grants,
          },
        },
        requestId,
      );
    });
  }

  /** Idempotent: adding a member twice changes nothing and records nothing the second time. */
  async addMember(
    actor: RequestActor,
    teamId: string,
    userId: string,
    requestId: string,
  ): Promise<void> {
    await this.teams.transaction(async (manager) => {
      if (!(await this.teams.lockById(manager, teamId))) throw TeamError.notFound();
      const user = await this.teams.lockUser(manager, userId);
      if (!user) throw TeamError.userNotFound();
      // Customers never hold queue access, so membership would mean nothing (or too much later).
      if (user.role !== 'agent' && user.role !== 'admin') throw TeamError.memberNotStaff();
      if (!(await this.teams.addMember(manager, teamId, userId))) return;
      await this.audit.record(
        manager,
        actor,
        {
          action: 'team_member.add',
          entityType: 'team',
          entityId: teamId,
          after: { userId, name: user.name },
        },
        requestId,
      );
    });
  }

  async removeMember(
    actor: RequestActor,
    teamId: string,
    userId: string,
    requestId: string,
  ): Promise<void> {
    await this.teams.transaction(async (manager) => {
      if (!(await this.teams.lockById(manager, teamId))) throw TeamError.notFound();
      const name = await this.teams.removeMember(manager, teamId, userId);
      if (name === undefined) throw TeamError.notAMember();
      await this.audit.record(
        manager,
        actor,
        {
          action: 'team_member.remove',
          entityType: 'team',
          entityId: teamId,
          before: { userId, name },
        },
        requestId,
      );
    });
  }
}

function pick(source: TeamChanges, fields: readonly (keyof TeamChanges)[]): TeamChanges {
  return Object.fromEntries(fields.map((field) => [field, source[field]]));
}

function toDto(team: Team, memberCount: number): TeamDto {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    memberCount,
    createdAt: team.createdAt.toISOString(),
    updatedAt: team.updatedAt.toISOString(),
  };
}

function toSummaryDto(team: TeamSummary): TeamDto {
  return toDto(team, team.memberCount);
}

function toDetailDto(team: Team, members: TeamMemberRow[]): TeamDetailDto {
  return {
    ...toDto(team, members.length),
    members: members.map((m) => ({ id: m.id, name: m.name, email: m.email })),
  };
}
