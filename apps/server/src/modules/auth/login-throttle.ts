// How many failed sign-ins are tolerated before Tessera stops checking passwords for a while.
// Per account it stops guessing one password; per address it stops trying many accounts.

export interface ThrottleRule {
  windowSeconds: number;
  maxFailures: number;
  lockSeconds: number;
}

export const ACCOUNT_THROTTLE: ThrottleRule = {
  windowSeconds: 15 * 60,
  maxFailures: 20,
  lockSeconds: 15 * 60,
};
export const ADDRESS_THROTTLE: ThrottleRule = {
  windowSeconds: 15 * 60,
  maxFailures: 100,
  lockSeconds: 15 * 60,
};

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;
