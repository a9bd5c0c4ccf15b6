// Entry point for the TypeORM CLI only (migration:generate, migration:show). The server builds its
// own DataSource from the validated configuration; see docs/development.md.
import { DataSource } from 'typeorm';
import { typeOrmOptions } from './typeorm-options.js';

// eslint-disable-next-line no-restricted-properties -- a CLI entry point, like main.ts
const url = process.env.DATABASE_URL;
if (!url) throw new Error('The TypeORM CLI needs DATABASE_URL pointing at a PostgreSQL database.');

export default new DataSource(typeOrmOptions({ url, poolSize: 1 }));
