import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { RUNTIME, type Runtime } from '../../core/runtime.js';
import { AttachmentController } from './attachment.controller.js';
import { AttachmentRepository } from './attachment.repository.js';
import { AttachmentService } from './attachment.service.js';
import { registerUploadParser } from './upload-body.js';

/** Files on ticket messages. Exports AttachmentService for the ticket and mail modules. */
@Module({
  controllers: [AttachmentController],
  providers: [AttachmentRepository, AttachmentService],
  exports: [AttachmentService],
})
export class AttachmentModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  // Runs before the server listens (Fastify takes hooks and parsers until then).
  onModuleInit(): void {
    registerUploadParser(
      this.adapterHost.httpAdapter.getInstance<FastifyInstance>(),
      this.runtime.config.attachmentMaxBytes,
    );
  }
}
