import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { allMigrationsApplied } from '../../database/migrator.js';

export interface Readiness {
  ready: boolean;
  checks: {
    database: 'up' | 'down';
    migrations: 'applied' | 'pending' | 'unknown';
    draining: boolean;
  };
}

// A probe must answer quickly even when the pool is busy; past this the database counts as down.
const PROBE_TIMEOUT_MS = 2_000;

@Injectable()
export class ReadinessService {
  private migrationsApplied = false;
  private draining = false;

  constructor(private readonly dataSource: DataSource) {}

  /** Called when shutdown begins, so load balancers stop sending traffic first. */
  markDraining(): void {
    this.draining = true;
  }

  async check(): Promise<Readiness> {
    let database: 'up' | 'down' = 'down';
    let migrations: Readiness['checks']['migrations'] = 'unknown';
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), PROBE_TIMEOUT_MS);
      database = 'up';
      // Once applied, migrations stay applied: later probes only ping the database.
      if (!this.migrationsApplied) {
        this.migrationsApplied = await withTimeout(
          allMigrationsApplied(this.dataSource),
          PROBE_TIMEOUT_MS,
        );
      }
      migrations = this.migrationsApplied ? 'applied' : 'pending';
    } catch {
      // reported as down/unknown below
    }
    const ready = database === 'up' && migrations === 'applied' && !this.draining;
    return { ready, checks: { database, migrations, draining: this.draining } };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
