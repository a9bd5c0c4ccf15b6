// Micro-batching for the busy paths: requests that arrive while earlier ones are being served
// are served together, by one database round trip or one transaction, instead of one each.
//
// Every statement costs fixed work whatever it holds (a socket write and a wake-up of the
// database process, parsing, executor start-up), and every transaction a commit that waits for
// the write-ahead log to reach the disk. Under load (64 clients opening tickets) that fixed work,
// not the rows, is most of what the database and the server do. Nothing waits on a timer for a
// batch to fill: a batch starts at the end of the event loop's turn in which its first request
// arrived, with every request of that turn (a busy server reads many requests in one turn), or
// as soon as a running batch ends. A quiet help desk answers as fast as without batching; a busy
// one gets batches as large as its backlog (group commit, as databases do with their log).

export interface BatcherOptions {
  /** Most items in one batch. */
  maxBatch: number;
  /** Most batches served at the same time (each holds a database connection). */
  maxConcurrent: number;
}

/**
 * Serves a batch: one result per item, in their order. An item that fails is `rejected` on its
 * own; a batch that throws rejects all its items.
 */
export type BatchHandler<I, O> = (items: readonly I[]) => Promise<PromiseSettledResult<O>[]>;

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (reason: unknown) => void;
}

export class Batcher<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private running = 0;
  /** A start of batches is due at the end of this turn of the event loop. */
  private scheduled = false;

  constructor(
    private readonly serve: BatchHandler<I, O>,
    private readonly options: BatcherOptions,
  ) {}

  /** Serves the item with whatever else is waiting; settles with its own result. */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.startBatches();
        });
      }
    });
  }

  private startBatches(): void {
    while (this.running < this.options.maxConcurrent && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.running += 1;
      void this.runBatch(batch).finally(() => {
        this.running -= 1;
        this.startBatches();
      });
    }
  }

  private async runBatch(batch: Waiting<I, O>[]): Promise<void> {
    let results: PromiseSettledResult<O>[];
    try {
      results = await this.serve(batch.map((waiting) => waiting.item));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    for (const [index, waiting] of batch.entries()) {
      const result = results[index];
      if (result?.status === 'fulfilled') waiting.resolve(result.value);
      // A handler that lost track of an item is a bug; nobody is left waiting for ever.
      else waiting.reject(result ? result.reason : new Error('the batch gave no result for this'));
    }
  }
}
