import { AppError, type FieldError } from '../../../common/errors/app-error.js';
import { ErrorCode } from '../../../common/errors/error-code.js';

/** The refusals of the mailbox API; each names the field the client has to change. */
export class MailboxError extends AppError {
  static notFound(): MailboxError {
    return new MailboxError(ErrorCode.NotFound, 'No such mailbox.');
  }

  static addressTaken(address: string): MailboxError {
    return new MailboxError(ErrorCode.Conflict, `Another mailbox has the address ${address}.`, [
      { field: 'address', message: 'is already used by another mailbox' },
    ]);
  }

  static invalid(errors: FieldError[]): MailboxError {
    return new MailboxError(
      ErrorCode.ValidationFailed,
      `The request is invalid: ${errors.map((e) => e.field).join(', ')}.`,
      errors,
    );
  }

  private constructor(code: ErrorCode, detail: string, fieldErrors?: FieldError[]) {
    super(code, detail, fieldErrors);
    this.name = 'MailboxError';
  }
}
