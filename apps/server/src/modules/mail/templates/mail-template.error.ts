import { AppError, type FieldError } from '../../../common/errors/app-error.js';
import { ErrorCode } from '../../../common/errors/error-code.js';

/** The refusals of the mail template API; each names the field the client has to change. */
export class MailTemplateError extends AppError {
  static notFound(): MailTemplateError {
    return new MailTemplateError(ErrorCode.NotFound, 'No such mail template.');
  }

  static invalid(errors: FieldError[]): MailTemplateError {
    return new MailTemplateError(
      ErrorCode.ValidationFailed,
      `The request is invalid: ${[...new Set(errors.map((e) => e.field))].join(', ')}.`,
      errors,
    );
  }

  private constructor(code: ErrorCode, detail: string, fieldErrors?: FieldError[]) {
    super(code, detail, fieldErrors);
    this.name = 'MailTemplateError';
  }
}
