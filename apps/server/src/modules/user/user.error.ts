import { AppError, type FieldError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

/** The refusals of the user module; each names the field the client has to change. */
export class UserError extends AppError {
  static notFound(): UserError {
    return new UserError(ErrorCode.NotFound, 'No such user.');
  }

  static emailTaken(email: string): UserError {
    return new UserError(
      ErrorCode.Conflict,
      `The email ${email} is already used by another user.`,
      [{ field: 'email', message: 'is already used by another user' }],
    );
  }

  static invalidEmail(): UserError {
    return new UserError(ErrorCode.ValidationFailed, 'The request is invalid: email.', [
      { field: 'email', message: 'must be an email address such as name@example.com' },
    ]);
  }

  static blankName(): UserError {
    return new UserError(ErrorCode.ValidationFailed, 'The request is invalid: name.', [
      { field: 'name', message: 'must not be blank' },
    ]);
  }

  /** Only customers belong to an organisation; agents and admins work for everyone. */
  static organizationOnlyForCustomers(): UserError {
    return new UserError(ErrorCode.ValidationFailed, 'The request is invalid: organizationId.', [
      {
        field: 'organizationId',
        message: 'must be null: only customers belong to an organisation',
      },
    ]);
  }

  static noSuchOrganization(): UserError {
    return new UserError(ErrorCode.ValidationFailed, 'The request is invalid: organizationId.', [
      { field: 'organizationId', message: 'names no organisation' },
    ]);
  }

  /** Tessera must keep someone who can administer it. */
  static lastAdmin(field: 'role' | 'active'): UserError {
    return new UserError(
      ErrorCode.Conflict,
      'This is the last active admin: make another user an admin before deactivating or ' +
        'demoting this one.',
      [{ field, message: 'would leave Tessera without an active admin' }],
    );
  }

  private constructor(code: ErrorCode, detail: string, fieldErrors?: FieldError[]) {
    super(code, detail, fieldErrors);
    this.name = 'UserError';
  }
}
