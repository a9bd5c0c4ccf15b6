import { checkPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@tessera/domain';
import { registerDecorator, type ValidationOptions } from 'class-validator';

const MESSAGES = {
  blank: 'must not be blank',
  too_short: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
  too_long: `must be at most ${MAX_PASSWORD_LENGTH} characters`,
} as const;

/** The password policy of libs/domain, as a DTO validation. */
export function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && checkPassword(value) === undefined,
        defaultMessage: (args) => {
          const value: unknown = args?.value;
          if (typeof value !== 'string') return 'must be a string';
          const problem = checkPassword(value);
          return problem ? MESSAGES[problem] : 'is not acceptable';
        },
      },
    });
}

export { MESSAGES as PASSWORD_PROBLEM_MESSAGES };
