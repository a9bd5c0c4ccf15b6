import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { isUniqueViolation, likePrefix } from './postgres.js';

describe('likePrefix', () => {
  it.each([
    ['ada', 'ada%'],
    ['', '%'],
    ['50%', '50\\%%'],
    ['a_b', 'a\\_b%'],
    ['back\\slash', 'back\\\\slash%'],
  ])('turns %j into %j', (text, pattern) => {
    expect(likePrefix(text)).toBe(pattern);
  });
});

describe('isUniqueViolation', () => {
  const failure = (code: string, constraint: string) =>
    new QueryFailedError(
      'INSERT ...',
      [],
      Object.assign(new Error('failed'), { code, constraint }),
    );

  it('recognises a unique violation of the named index only', () => {
    expect(
      isUniqueViolation(failure('23505', 'users_email_lower_key'), 'users_email_lower_key'),
    ).toBe(true);
    expect(isUniqueViolation(failure('23505', 'users_pkey'), 'users_email_lower_key')).toBe(false);
    expect(
      isUniqueViolation(failure('23503', 'users_email_lower_key'), 'users_email_lower_key'),
    ).toBe(false);
    expect(isUniqueViolation(new Error('23505'), 'users_email_lower_key')).toBe(false);
  });
});
