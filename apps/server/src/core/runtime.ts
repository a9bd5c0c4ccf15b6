// What the process hands to the Nest application: validated configuration and the pieces created
// before Nest starts (logger, metrics, database target), plus hooks tests may replace.
import type { Type } from '@nestjs/common';
import type { AppConfig } from '../config/env.config.js';
import type { Logger } from '../common/logging/logger.js';
import type { Clock } from '../common/time/clock.js';
import type { DatabaseTarget } from '../database/typeorm-options.js';
import type { HttpMetrics } from '../modules/metrics/http-metrics.js';

export const RUNTIME = Symbol('RUNTIME');

export interface Runtime {
  config: AppConfig;
  /** The signing key, resolved (embedded mode may have generated it). */
  secret: string;
  database: DatabaseTarget;
  embedded: boolean;
  logger: Logger;
  metrics: HttpMetrics;
  clock: Clock;
  /** Writes a message for the person at the console, outside the JSON log. */
  announce: (text: string) => void;
  /** How often job workers poll for work. */
  jobPollingSeconds: number;
  /** Extra modules mounted next to the features (tests use this for probe routes). */
  extraModules: Type[];
}
