import { Injectable } from '@nestjs/common';
import type { MailTemplateSource } from '@tessera/mail';
import { DataSource, type EntityManager } from 'typeorm';
import { prepared } from '../../../common/database/prepared-statements.js';

/** An admin's version of a template, as stored. */
export interface StoredMailTemplate {
  key: string;
  source: MailTemplateSource;
  updatedAt: Date;
  updatedBy: string | null;
}

interface MailTemplateRow {
  key: string;
  subject: string;
  body_text: string;
  body_html: string;
  updated_at: Date;
  updated_by: string | null;
}

const COLUMNS = 'key, subject, body_text, body_html, updated_at, updated_by';

/** Every query on mail_templates: the admins' versions of the templates, by key. */
@Injectable()
export class MailTemplateRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findAll(): Promise<Map<string, StoredMailTemplate>> {
    const rows = await this.dataSource.query<MailTemplateRow[]>(
      `SELECT ${COLUMNS} FROM mail_templates`,
    );
    return new Map(rows.map((row) => [row.key, toRecord(row)]));
  }

  /** With `manager` inside a transaction (the one queueing a mail, or a change). */
  async findByKey(key: string, manager?: EntityManager): Promise<StoredMailTemplate | undefined> {
    const [row] = await (manager ?? this.dataSource).query<MailTemplateRow[]>(
      prepared(`SELECT ${COLUMNS} FROM mail_templates WHERE key = $1`),
      [key],
    );
    return row && toRecord(row);
  }

  /** Serialises changes of one template until the transaction ends (there may be no row yet). */
  async lock(manager: EntityManager, key: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`mail_templates:${key}`]);
  }

  async upsert(
    manager: EntityManager,
    key: string,
    source: MailTemplateSource,
    updatedBy: string,
    at: Date,
  ): Promise<StoredMailTemplate> {
    const [row] = await manager.query<MailTemplateRow[]>(
      `INSERT INTO mail_templates (key, subject, body_text, body_html, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key) DO UPDATE
          SET subject = EXCLUDED.subject, body_text = EXCLUDED.body_text,
              body_html = EXCLUDED.body_html, updated_at = EXCLUDED.updated_at,
              updated_by = EXCLUDED.updated_by
       RETURNING ${COLUMNS}`,
      [key, source.subject, source.text, source.html, at, updatedBy],
    );
    if (!row) throw new Error(`mail template ${key} neither inserted nor updated`);
    return toRecord(row);
  }

  async delete(manager: EntityManager, key: string): Promise<void> {
    await manager.query('DELETE FROM mail_templates WHERE key = $1', [key]);
  }
}

function toRecord(row: MailTemplateRow): StoredMailTemplate {
  return {
    key: row.key,
    source: { subject: row.subject, text: row.body_text, html: row.body_html },
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}
