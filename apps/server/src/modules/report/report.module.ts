import { Module } from '@nestjs/common';
import { ReportController } from './report.controller.js';
import { ReportRepository } from './report.repository.js';
import { ReportService } from './report.service.js';

/**
 * Reports: ticket volume and backlog, response times and SLA compliance over a time range,
 * computed in PostgreSQL from the tickets' events and SLA columns.
 */
@Module({
  controllers: [ReportController],
  providers: [ReportRepository, ReportService],
})
export class ReportModule {}
