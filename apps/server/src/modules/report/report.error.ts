import { AppError, type FieldError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

export class ReportError extends AppError {
  /** A queue the agent holds no access to: as if it did not exist (like `queue:read`). */
  static queueNotFound(): ReportError {
    return new ReportError(ErrorCode.NotFound, 'No such queue.');
  }

  /** A queue the agent sees but does not manage. */
  static queueNotManaged(): ReportError {
    return new ReportError(
      ErrorCode.Forbidden,
      'Reports cover the queues you manage; you do not manage this one.',
    );
  }

  /** A zone the runtime knows but PostgreSQL does not (their time zone data differ). */
  static unknownTimeZone(): ReportError {
    return new ReportError(ErrorCode.ValidationFailed, 'The request is invalid: tz.', [
      { field: 'tz', message: 'is not a time zone the database knows' },
    ]);
  }

  private constructor(code: ErrorCode, detail: string, fieldErrors?: FieldError[]) {
    super(code, detail, fieldErrors);
    this.name = 'ReportError';
  }
}
