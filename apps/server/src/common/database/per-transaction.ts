// Values read once per transaction: a transaction that handles many tickets one after the other
// (a batch of mail) asks for the same rarely changing rows (settings, templates, mailbox
// addresses) for each of them.
import type { EntityManager } from 'typeorm';

const values = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * `load()`'s result, loaded once per transaction of `manager` and `key`; loaded every time
 * outside a transaction. Only for rows the transaction itself does not change: what it caches is
 * what the transaction saw first.
 */
export function oncePerTransaction<T>(
  manager: EntityManager,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  const transaction = manager.queryRunner;
  if (!transaction?.isTransactionActive) return load();
  let loaded = values.get(transaction);
  if (!loaded) {
    loaded = new Map();
    values.set(transaction, loaded);
  }
  let value = loaded.get(key) as Promise<T> | undefined;
  if (!value) {
    value = load();
    loaded.set(key, value);
  }
  return value;
}
