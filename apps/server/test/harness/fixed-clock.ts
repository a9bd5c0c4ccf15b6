import { Clock } from '../../src/common/time/clock.js';

/** A clock that stands still until the test moves it. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date): void {
    this.current = new Date(to);
  }
}
