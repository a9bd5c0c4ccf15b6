import { Global, Module } from '@nestjs/common';
import { JobService } from './job.service.js';

@Global()
@Module({ providers: [JobService], exports: [JobService] })
export class JobModule {}
