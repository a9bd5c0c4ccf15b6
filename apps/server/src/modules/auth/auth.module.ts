import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthRepository } from './auth.repository.js';
import { AuthService } from './auth.service.js';
import { Authenticator } from './authenticator.js';
import { CredentialsService } from './credentials.service.js';
import { MeController } from './me.controller.js';
import { TokenCrypto } from './token-crypto.js';
import { UserPasswordController } from './user-password.controller.js';

@Module({
  controllers: [AuthController, MeController, UserPasswordController],
  providers: [
    AuthRepository,
    AuthService,
    Authenticator,
    CredentialsService,
    TokenCrypto,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthRepository],
})
export class AuthModule {}
