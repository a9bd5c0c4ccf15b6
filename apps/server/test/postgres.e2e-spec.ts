import { describeApiSmoke } from './harness/api-smoke.js';

describeApiSmoke('postgres');
