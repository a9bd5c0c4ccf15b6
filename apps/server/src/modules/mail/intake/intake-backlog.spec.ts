import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { IntakeBacklog } from './intake-backlog.js';

describe('IntakeBacklog', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  /** Whether the promise has settled, after the microtasks queued so far ran. */
  const isSettled = async (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    await Promise.resolve();
    await Promise.resolve();
    return done;
  };

  it('lets automatic mail through at once when no backlog is being imported', async () => {
    const backlog = new IntakeBacklog();
    expect(backlog.busy).toBe(false);
    await expect(isSettled(backlog.settled(60_000))).resolves.toBe(true);
  });

  it('holds it until every backlog has ended, each ending counted once', async () => {
    const backlog = new IntakeBacklog();
    const endFirst = backlog.begin();
    const endSecond = backlog.begin();
    const waiting = backlog.settled(60_000);
    await expect(isSettled(waiting)).resolves.toBe(false);
    endFirst();
    endFirst(); // a second call does not end the other backlog
    expect(backlog.busy).toBe(true);
    await expect(isSettled(waiting)).resolves.toBe(false);
    endSecond();
    expect(backlog.busy).toBe(false);
    await expect(isSettled(waiting)).resolves.toBe(true);
  });

  it('holds it no longer than the longest wait, however long the backlog lasts', async () => {
    const backlog = new IntakeBacklog();
    backlog.begin();
    const waiting = backlog.settled(60_000);
    jest.advanceTimersByTime(59_999);
    await expect(isSettled(waiting)).resolves.toBe(false);
    jest.advanceTimersByTime(1);
    await expect(isSettled(waiting)).resolves.toBe(true);
  });
});
