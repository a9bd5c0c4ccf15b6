import { Global, Module, type DynamicModule } from '@nestjs/common';
import { PasswordHasher } from '../common/crypto/password-hasher.js';
import { Clock } from '../common/time/clock.js';
import { HttpMetrics } from '../modules/metrics/http-metrics.js';
import { RUNTIME, type Runtime } from './runtime.js';

/** Shares the runtime pieces (config, clock, metrics, hasher) with every feature module. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: Clock, useValue: runtime.clock },
        { provide: HttpMetrics, useValue: runtime.metrics },
        PasswordHasher,
      ],
      exports: [RUNTIME, Clock, HttpMetrics, PasswordHasher],
    };
  }
}
