import { Module } from '@nestjs/common';
import { TeamController } from './team.controller.js';
import { TeamRepository } from './team.repository.js';
import { TeamService } from './team.service.js';

@Module({
  controllers: [TeamController],
  providers: [TeamRepository, TeamService],
})
export class TeamModule {}
