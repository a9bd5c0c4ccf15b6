import { describe, expect, it } from '@jest/globals';
import { Batcher } from './batcher.js';

/** A handler whose batches finish only when the test says so. */
function controlledHandler() {
  const batches: { items: readonly number[]; finish: () => void; fail: (e: unknown) => void }[] =
    [];
  const handler = (items: readonly number[]) =>
    new Promise<PromiseSettledResult<string>[]>((resolve, reject) => {
      batches.push({
        items,
        finish: () =>
          resolve(
            items.map((item) =>
              item < 0
                ? { status: 'rejected', reason: new Error(`refused ${item}`) }
                : { status: 'fulfilled', value: `done ${item}` },
            ),
          ),
        fail: reject,
      });
    });
  return { batches, handler };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Batcher', () => {
  it('serves a request alone when nothing else arrives or runs, without waiting on a timer', async () => {
    const { batches, handler } = controlledHandler();
    const batcher = new Batcher(handler, { maxBatch: 10, maxConcurrent: 1 });
    const answer = batcher.submit(1);
    await settle();
    expect(batches.map((b) => b.items)).toEqual([[1]]);
    batches[0]?.finish();
    await expect(answer).resolves.toBe('done 1');
  });

  it('serves what arrives in one turn together, and what arrives while batches run next, up to maxBatch', async () => {
    const { batches, handler } = controlledHandler();
    const batcher = new Batcher(handler, { maxBatch: 3, maxConcurrent: 2 });
    const answers = [1, 2, 3, 4, 5, 6, 7].map((item) => batcher.submit(item));
    expect(batches).toHaveLength(0);
    await settle();
    // Two batches at most run (maxConcurrent), of three at most (maxBatch); the rest waits.
    expect(batches.map((b) => b.items)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const later = [8, 9].map((item) => batcher.submit(item));
    await settle();
    expect(batches).toHaveLength(2);
    batches[0]?.finish();
    await settle();
    expect(batches.map((b) => b.items)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    batches[1]?.finish();
    batches[2]?.finish();
    await expect(Promise.all([...answers, ...later])).resolves.toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `done ${i}`),
    );
  });

  it('fails an item alone, and every item of a batch that throws', async () => {
    const { batches, handler } = controlledHandler();
    const batcher = new Batcher(handler, { maxBatch: 10, maxConcurrent: 1 });
    const first = batcher.submit(1);
    await settle();
    const [good, bad] = [batcher.submit(2), batcher.submit(-3)];
    batches[0]?.fail(new Error('database gone'));
    await expect(first).rejects.toThrow('database gone');
    await settle();
    batches[1]?.finish();
    await expect(good).resolves.toBe('done 2');
    await expect(bad).rejects.toThrow('refused -3');
  });

  it('rejects an item the handler gave no answer for instead of leaving it waiting', async () => {
    const batcher = new Batcher<number, string>(
      (items) => Promise.resolve(items.slice(1).map(() => ({ status: 'fulfilled', value: 'x' }))),
      { maxBatch: 10, maxConcurrent: 1 },
    );
    await expect(batcher.submit(1)).rejects.toThrow('no result');
  });
});
