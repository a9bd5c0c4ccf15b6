import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { User } from './user.entity.js';

// Serialises first-admin creation across replicas starting together ("admin" in ASCII).
const FIRST_ADMIN_LOCK = '418430233966';

export interface NewAdmin {
  email: string;
  name: string;
  passwordHash: string;
}

@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  async adminExists(): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM users WHERE role = 'admin' LIMIT 1`,
    );
    return rows.length > 0;
  }

  async emailTaken(email: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM users WHERE lower(email) = lower($1) LIMIT 1',
      [email],
    );
    return rows.length > 0;
  }

  /**
   * Inserts the admin only if no admin exists yet, atomically across replicas.
   * Returns the new user, or undefined when another process got there first.
   */
  async createFirstAdmin(admin: NewAdmin): Promise<User | undefined> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK]);
      const existing = await manager.query<unknown[]>(
        `SELECT 1 FROM users WHERE role = 'admin' LIMIT 1`,
      );
      if (existing.length > 0) return undefined;
      return manager.save(manager.create(User, { ...admin, role: 'admin', active: true }));
    });
  }
}
