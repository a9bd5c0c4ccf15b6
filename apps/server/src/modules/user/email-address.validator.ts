// The email rule of libs/domain as a DTO validation, so the API accepts exactly the addresses
// Tessera can use as identities (no quoted local parts, no comments).
import { isValidEmailAddress } from '@tessera/domain';
import { registerDecorator, type ValidationOptions } from 'class-validator';

export function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isEmailAddress',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidEmailAddress(value),
        defaultMessage: () => 'must be an email address such as name@example.com',
      },
    });
}
