import { Module } from '@nestjs/common';
import { QueueAccessController } from './queue-access.controller.js';
import { QueueAccessService } from './queue-access.service.js';
import { QueueController } from './queue.controller.js';
import { QueueGrantRepository } from './queue-grant.repository.js';
import { QueueRepository } from './queue.repository.js';
import { QueueService } from './queue.service.js';

@Module({
  controllers: [QueueController, QueueAccessController],
  providers: [QueueRepository, QueueGrantRepository, QueueService, QueueAccessService],
})
export class QueueModule {}
