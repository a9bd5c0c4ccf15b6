import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { AgentController } from './agent.controller.js';
import { FirstAdminService } from './first-admin.service.js';
import { MyProfileController } from './my-profile.controller.js';
import { UserController } from './user.controller.js';
import { UserRepository } from './user.repository.js';
import { UserService } from './user.service.js';

@Module({
  // AuthModule for its sessions (deactivation signs out); OrganizationModule for domain matching.
  imports: [AuthModule, OrganizationModule],
  controllers: [UserController, AgentController, MyProfileController],
  providers: [UserRepository, UserService, FirstAdminService],
  exports: [UserRepository, UserService],
})
export class UserModule {}
