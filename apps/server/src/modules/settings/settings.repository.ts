import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { prepared } from '../../common/database/prepared-statements.js';

/** Stored settings as key → value; keys nobody set are absent. */
@Injectable()
export class SettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async all(manager?: EntityManager): Promise<Map<string, unknown>> {
    const rows = await (manager ?? this.dataSource).query<{ key: string; value: unknown }[]>(
      prepared('SELECT key, value FROM settings'),
    );
    return new Map(rows.map((row) => [row.key, row.value]));
  }

  /** Locks the settings being changed so two admins' changes apply one after the other. */
  async lock(manager: EntityManager): Promise<void> {
    await manager.query('LOCK TABLE settings IN SHARE ROW EXCLUSIVE MODE');
  }

  async upsert(
    manager: EntityManager,
    values: Record<string, unknown>,
    updatedBy: string,
    at: Date,
  ): Promise<void> {
    const entries = Object.entries(values);
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO settings (key, value, updated_by, updated_at)
       SELECT e.key, e.value, $2, $3 FROM jsonb_each($1::jsonb) AS e(key, value)
       ON CONFLICT (key) DO UPDATE
          SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(Object.fromEntries(entries)), updatedBy, at],
    );
  }
}
