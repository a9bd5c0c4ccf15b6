import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { prepared } from '../../common/database/prepared-statements.js';

export interface StoredOutcome {
  requestHash: string;
  responseStatus: number;
  responseBody: Record<string, string> | null;
}

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims a key inside the caller's transaction. A concurrent claim of the same key waits on the
   * unique index until this transaction ends, so only one request ever does the work. An expired
   * record is taken over. Returns false when the key is held by another (live) request.
   */
  async claim(
    manager: EntityManager,
    claim: { scope: string; key: string; requestHash: string; now: Date; expiresAt: Date },
  ): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      prepared(`INSERT INTO idempotency_records AS r (scope, key, request_hash, response_status, created_at, expires_at)
       VALUES ($1, $2, $3, 0, $4, $5)
       ON CONFLICT (scope, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, response_status = 0, response_body = NULL,
             created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
         WHERE r.expires_at <= $4
       RETURNING 1`),
      [claim.scope, claim.key, claim.requestHash, claim.now, claim.expiresAt],
    );
    return rows.length > 0;
  }

  async complete(
    manager: EntityManager,
    record: { scope: string; key: string; status: number; body: Record<string, string> },
  ): Promise<void> {
    await manager.query(
      prepared(
        `UPDATE idempotency_records SET response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2`,
      ),
      [record.scope, record.key, record.status, JSON.stringify(record.body)],
    );
  }

  async find(scope: string, key: string, now: Date): Promise<StoredOutcome | undefined> {
    const [row] = await this.dataSource.query<
      {
        request_hash: string;
        response_status: number;
        response_body: Record<string, string> | null;
      }[]
    >(
      prepared(`SELECT request_hash, response_status, response_body FROM idempotency_records
        WHERE scope = $1 AND key = $2 AND expires_at > $3`),
      [scope, key, now],
    );
    return (
      row && {
        requestHash: row.request_hash,
        responseStatus: row.response_status,
        responseBody: row.response_body,
      }
    );
  }
}
