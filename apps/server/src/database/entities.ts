// Every entity, listed explicitly: no globs, so the same list works compiled, under Jest and in
// the TypeORM CLI.
import { Session } from '../modules/auth/session.entity.js';
import { IdempotencyRecord } from '../modules/idempotency/idempotency-record.entity.js';
import { User } from '../modules/user/user.entity.js';

export const ENTITIES = [User, Session, IdempotencyRecord];
