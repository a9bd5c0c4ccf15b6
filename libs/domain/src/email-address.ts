// Email addresses identify people in Tessera (agents log in with them, customers are found by them),
// so every module compares them in one canonical form.

const MAX_LENGTH = 254;
// Deliberately simple: one "@", no whitespace, a dot-separated domain. Full RFC 5322 syntax
// (quoted local parts, comments) is not accepted for identities.
const SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*$/;

/** Trims and lower-cases an address so that lookups and uniqueness do not depend on case. */
export function normalizeEmailAddress(address: string): string {
  return address.trim().toLowerCase();
}

export function isValidEmailAddress(address: string): boolean {
  const normalized = normalizeEmailAddress(address);
  return normalized.length <= MAX_LENGTH && SHAPE.test(normalized);
}
