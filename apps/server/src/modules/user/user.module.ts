import { Module } from '@nestjs/common';
import { FirstAdminService } from './first-admin.service.js';
import { UserRepository } from './user.repository.js';

@Module({ providers: [UserRepository, FirstAdminService], exports: [UserRepository] })
export class UserModule {}
