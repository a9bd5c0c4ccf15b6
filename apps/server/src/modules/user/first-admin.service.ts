// A new installation needs someone who can sign in. The first admin comes from
// TESSERA_ADMIN_EMAIL / TESSERA_ADMIN_PASSWORD, or gets a generated password shown once on the
// console. There is no default password.
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { normalizeEmailAddress } from '@tessera/domain';
import { PasswordHasher } from '../../common/crypto/password-hasher.js';
import { RUNTIME, type Runtime } from '../../core/runtime.js';
import { UserRepository } from './user.repository.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@localhost';

@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureFirstAdmin();
  }

  async ensureFirstAdmin(): Promise<void> {
    // Checked first so an ordinary restart costs one indexed query, not an argon2 hash.
    if (await this.users.adminExists()) return;
    const { config, logger } = this.runtime;
    const email = normalizeEmailAddress(config.adminEmail ?? DEFAULT_ADMIN_EMAIL);
    if (await this.users.emailTaken(email)) {
      logger.warn({ email }, 'no admin exists, but the admin email belongs to another user');
      return;
    }
    const generated = config.adminPassword === undefined;
    const password = config.adminPassword ?? this.hasher.generate();
    const admin = await this.users.createFirstAdmin({
      email,
      name: 'Administrator',
      passwordHash: await this.hasher.hash(password),
    });
    if (!admin) return;
    logger.info({ userId: admin.id, email, generatedPassword: generated }, 'first admin created');
    if (generated) {
      this.runtime.announce(
        [
          '',
          '  Tessera created the first admin account.',
          `    email:    ${email}`,
          `    password: ${password}`,
          '  This password is shown only this once: sign in and change it.',
          '',
        ].join('\n'),
      );
    }
  }
}
