import { Module } from '@nestjs/common';
import { OrganizationController } from './organization.controller.js';
import { OrganizationRepository } from './organization.repository.js';
import { OrganizationService } from './organization.service.js';

@Module({
  controllers: [OrganizationController],
  providers: [OrganizationRepository, OrganizationService],
  // The user module finds a new customer's organisation by their email's domain.
  exports: [OrganizationRepository],
})
export class OrganizationModule {}
