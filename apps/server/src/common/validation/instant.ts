// Instants as the API takes them: ISO 8601 with a date, a time and an offset (`Z` or `+02:00`),
// so that what they mean never depends on the server's time zone.
import { isISO8601, ValidateBy, type ValidationArguments } from 'class-validator';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The shape above, and a real date and time (no 30 February, no year 0) PostgreSQL accepts. */
export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value) && isISO8601(value, { strict: true });
}

export const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value) => isInstant(value),
      defaultMessage: () =>
        '$property must be an ISO 8601 date and time with an offset, e.g. 2026-05-04T09:00:00Z',
    },
  });

/** The end of a range: not before its start (`property`), when both are valid instants. */
export const IsNotBefore = (property: string) =>
  ValidateBy({
    name: 'isNotBefore',
    constraints: [property],
    validator: {
      validate: (value, args?: ValidationArguments) => {
        const start = (args?.object as Record<string, unknown> | undefined)?.[property];
        if (!isInstant(value) || !isInstant(start)) return true;
        return Date.parse(value) >= Date.parse(start);
      },
      defaultMessage: () => `$property must not be before ${property}`,
    },
  });
