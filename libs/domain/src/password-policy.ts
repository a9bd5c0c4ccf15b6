// The one rule every password set in Tessera must satisfy, whoever sets it (env, admin, user).

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'blank';

/** Returns why a password is refused, or `undefined` when it is acceptable. */
export function checkPassword(password: string): PasswordProblem | undefined {
  if (password.trim().length === 0) return 'blank';
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if ([...password].length > MAX_PASSWORD_LENGTH) return 'too_long';
  return undefined;
}
