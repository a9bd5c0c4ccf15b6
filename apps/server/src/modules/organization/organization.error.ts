import { AppError, type FieldError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

/** The refusals of the organisation module; each names the field the client has to change. */
export class OrganizationError extends AppError {
  static notFound(): OrganizationError {
    return new OrganizationError(ErrorCode.NotFound, 'No such organisation.');
  }

  static nameTaken(name: string): OrganizationError {
    return new OrganizationError(
      ErrorCode.Conflict,
      `The name ${name} is already used by another organisation.`,
      [{ field: 'name', message: 'is already used by another organisation' }],
    );
  }

  /** A domain decides which organisation new customers join, so it has one owner. */
  static domainsTaken(domains: string[]): OrganizationError {
    return new OrganizationError(
      ErrorCode.Conflict,
      `The domains field names domains another organisation owns: ${domains.join(', ')}.`,
      [
        {
          field: 'domains',
          message: `already belong to another organisation: ${domains.join(', ')}`,
        },
      ],
    );
  }

  static notNullable(fields: string[]): OrganizationError {
    return new OrganizationError(
      ErrorCode.ValidationFailed,
      `The request is invalid: ${fields.join(', ')}.`,
      fields.map((field) => ({ field, message: 'must not be null' })),
    );
  }

  private constructor(code: ErrorCode, detail: string, fieldErrors?: FieldError[]) {
    super(code, detail, fieldErrors);
    this.name = 'OrganizationError';
  }
}
