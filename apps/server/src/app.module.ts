import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreModule } from './core/core.module.js';
import type { Runtime } from './core/runtime.js';
import { typeOrmOptions } from './database/typeorm-options.js';
import { AttachmentModule } from './modules/attachment/attachment.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { HousekeepingModule } from './modules/housekeeping/housekeeping.module.js';
import { IdempotencyModule } from './modules/idempotency/idempotency.module.js';
import { JobModule } from './modules/job/job.module.js';
import { MailModule } from './modules/mail/mail.module.js';
import { MetricsModule } from './modules/metrics/metrics.module.js';
import { OrganizationModule } from './modules/organization/organization.module.js';
import { PermissionModule } from './modules/permission/permission.module.js';
import { QueueModule } from './modules/queue/queue.module.js';
import { ReportModule } from './modules/report/report.module.js';
import { SettingsModule } from './modules/settings/settings.module.js';
import { SlaModule } from './modules/sla/sla.module.js';
import { TeamModule } from './modules/team/team.module.js';
import { TicketModule } from './modules/ticket/ticket.module.js';
import { UserModule } from './modules/user/user.module.js';

@Module({})
export class AppModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(runtime),
        TypeOrmModule.forRoot({
          ...typeOrmOptions(runtime.database),
          retryAttempts: 5,
          retryDelay: 2_000,
        }),
        JobModule,
        PermissionModule,
        AuditModule,
        SettingsModule,
        IdempotencyModule,
        AuthModule,
        HealthModule,
        MetricsModule,
        UserModule,
        OrganizationModule,
        TeamModule,
        QueueModule,
        TicketModule,
        SlaModule,
        ReportModule,
        MailModule,
        AttachmentModule,
        HousekeepingModule,
        ...runtime.extraModules,
      ],
    };
  }
}
