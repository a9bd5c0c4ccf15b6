import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/time/clock.js';
import { AuditService } from '../audit/audit.service.js';
import type { RequestActor } from '../permission/request-actor.js';
import { DEFAULT_SETTINGS, SETTING_KEYS, type HelpDeskSettings } from './settings.js';
import { SettingsRepository } from './settings.repository.js';

/**
 * Help-desk-wide settings. Read from the database every time: the table holds a handful of rows,
 * and every replica must see a change at once.
 */
@Injectable()
export class SettingsService {
  constructor(
    private readonly repository: SettingsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(manager?: EntityManager): Promise<HelpDeskSettings> {
    return withDefaults(await this.repository.all(manager));
  }

  async update(
    actor: RequestActor,
    changes: Partial<HelpDeskSettings>,
    requestId: string,
  ): Promise<HelpDeskSettings> {
    const wanted = Object.fromEntries(
      SETTING_KEYS.filter((key) => changes[key] !== undefined).map((key) => [key, changes[key]]),
    );
    return this.repository.transaction(async (manager) => {
      await this.repository.lock(manager);
      const before = withDefaults(await this.repository.all(manager));
      const changed = Object.fromEntries(
        Object.entries(wanted).filter(
          ([key, value]) => before[key as keyof HelpDeskSettings] !== value,
        ),
      );
      if (Object.keys(changed).length === 0) return before;
      await this.repository.upsert(manager, changed, actor.userId, this.clock.now());
      await this.audit.record(
        manager,
        actor,
        {
          action: 'settings.update',
          entityType: 'settings',
          entityId: 'help-desk',
          before: Object.fromEntries(
            Object.keys(changed).map((key) => [key, before[key as keyof HelpDeskSettings]]),
          ),
          after: changed,
        },
        requestId,
      );
      return { ...before, ...changed };
    });
  }
}

/** Stored values over the defaults; keys Tessera no longer knows are ignored. */
function withDefaults(stored: Map<string, unknown>): HelpDeskSettings {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of SETTING_KEYS) {
    if (stored.has(key)) settings[key] = stored.get(key);
  }
  return settings as unknown as HelpDeskSettings;
}
