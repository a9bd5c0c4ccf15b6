import { Global, Module } from '@nestjs/common';
import { ActorRepository } from './actor.repository.js';
import { ResourceResolver } from './resource-resolver.js';

@Global()
@Module({
  providers: [ActorRepository, ResourceResolver],
  exports: [ActorRepository, ResourceResolver],
})
export class PermissionModule {}
