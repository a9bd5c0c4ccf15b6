import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

// Deleting in bounded batches keeps each statement short, so a large backlog never holds locks
// or bloats one transaction.
const BATCH = 5_000;

@Injectable()
export class HousekeepingRepository {
  constructor(private readonly dataSource: DataSource) {}

  deleteExpiredSessions(now: Date): Promise<number> {
    return this.deleteInBatches('sessions', now);
  }

  deleteExpiredIdempotencyRecords(now: Date): Promise<number> {
    return this.deleteInBatches('idempotency_records', now);
  }

  /** Throttles whose window has passed and whose lock (if any) is over no longer count. */
  async deleteStaleLoginThrottles(now: Date, windowStartedBefore: Date): Promise<number> {
    const [, deleted] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM login_throttles
        WHERE window_started_at < $2 AND (locked_until IS NULL OR locked_until <= $1)`,
      [now, windowStartedBefore],
    );
    return deleted;
  }

  private async deleteInBatches(table: 'sessions' | 'idempotency_records', now: Date) {
    let total = 0;
    for (;;) {
      const [, deleted] = await this.dataSource.query<[unknown, number]>(
        `DELETE FROM ${table} WHERE id IN (
           SELECT id FROM ${table} WHERE expires_at <= $1 ORDER BY expires_at LIMIT ${BATCH})`,
        [now],
      );
      total += deleted;
      if (deleted < BATCH) return total;
    }
  }
}
