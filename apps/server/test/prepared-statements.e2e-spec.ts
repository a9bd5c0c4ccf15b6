// Statements marked with prepared() run as named prepared statements (parsed and planned once per
// connection), unmarked ones as before; on real PostgreSQL and on the embedded database. Also
// oncePerTransaction(), which the same busy paths use to read rarely changing rows once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { prepared, preparedName, uuidIn } from '../src/common/database/prepared-statements.js';
import { oncePerTransaction } from '../src/common/database/per-transaction.js';
import { EmbeddedDatabase } from '../src/database/embedded-database.js';
import { typeOrmOptions } from '../src/database/typeorm-options.js';
import { createTestDatabase, type TestDatabase } from './harness/test-database.js';

const MARKED = 'SELECT $1::int + 1 AS n';
const UNMARKED = 'SELECT $1::int + 2 AS n';
const INSERT = prepared('INSERT INTO prepared_probe (id) VALUES ($1)');

/** The statements the (only) connection of `dataSource` has prepared. */
async function preparedOn(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource.query<{ name: string }[]>(
    'SELECT name FROM pg_prepared_statements ORDER BY name',
  );
  return rows.map((row) => row.name);
}

function describeOn(kind: 'postgres' | 'embedded') {
  describe(`prepared statements on ${kind}`, () => {
    let dataSource: DataSource;
    let cleanUp: () => Promise<void>;

    beforeAll(async () => {
      let url: string;
      if (kind === 'postgres') {
        const database: TestDatabase = await createTestDatabase();
        url = database.url;
        cleanUp = () => database.drop();
      } else {
        const dir = await mkdtemp(join(tmpdir(), 'tessera-prepared-'));
        const embedded = await EmbeddedDatabase.open(dir);
        url = embedded.url;
        cleanUp = async () => {
          await embedded.close();
          await rm(dir, { recursive: true, force: true });
        };
      }
      // One connection, so what it prepared can be read back on it.
      dataSource = new DataSource(typeOrmOptions({ url, poolSize: 1 }));
      await dataSource.initialize();
      await dataSource.query('CREATE TABLE prepared_probe (id int PRIMARY KEY)');
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await cleanUp?.();
    });

    it('prepares a marked statement once on the connection, and not an unmarked one', async () => {
      const name = preparedName(prepared(MARKED));
      expect(name).toMatch(/^tessera_[0-9a-f]{24}$/);
      for (const n of [1, 2, 3, 4, 5, 6, 7]) {
        expect(await dataSource.query(MARKED, [n])).toEqual([{ n: n + 1 }]);
      }
      expect(await dataSource.query(UNMARKED, [1])).toEqual([{ n: 3 }]);
      const names = await preparedOn(dataSource);
      expect(names).toContain(name);
      expect(names.filter((n) => n === name)).toHaveLength(1);
      expect(preparedName(UNMARKED)).toBeUndefined();
      expect(names).toHaveLength(1);
    });

    it('keeps working after a prepared statement failed inside a rolled back transaction', async () => {
      await expect(
        dataSource.transaction(async (manager) => {
          await manager.query(INSERT, [1]);
          await manager.query(INSERT, [1]);
        }),
      ).rejects.toThrow(/duplicate key/);
      await dataSource.transaction(async (manager) => {
        await manager.query(INSERT, [1]);
        await manager.query(INSERT, [2]);
      });
      expect(await dataSource.query('SELECT id FROM prepared_probe ORDER BY id')).toEqual([
        { id: 1 },
        { id: 2 },
      ]);
      expect(await preparedOn(dataSource)).toContain(preparedName(INSERT));
    });

    it('loads a value once per transaction and key, and every time outside a transaction', async () => {
      let loads = 0;
      const load = () => Promise.resolve(++loads);
      await dataSource.transaction(async (manager) => {
        expect(await oncePerTransaction(manager, 'a', load)).toBe(1);
        expect(await oncePerTransaction(manager, 'a', load)).toBe(1);
        expect(await oncePerTransaction(manager, 'b', load)).toBe(2);
      });
      await dataSource.transaction(async (manager) => {
        expect(await oncePerTransaction(manager, 'a', load)).toBe(3);
      });
      expect(await oncePerTransaction(dataSource.manager, 'a', load)).toBe(4);
      expect(await oncePerTransaction(dataSource.manager, 'a', load)).toBe(5);
    });
  });
}

describeOn('postgres');
describeOn('embedded');

describe('uuidIn', () => {
  it('compares with one id directly and with several through ANY', () => {
    expect(uuidIn('t.id', ['a'])).toEqual({ condition: 't.id = $1::uuid', value: 'a' });
    expect(uuidIn('t.id', ['a', 'b'], 3)).toEqual({
      condition: 't.id = ANY($3::uuid[])',
      value: ['a', 'b'],
    });
    expect(uuidIn('x', [])).toEqual({ condition: 'x = ANY($1::uuid[])', value: [] });
  });
});
