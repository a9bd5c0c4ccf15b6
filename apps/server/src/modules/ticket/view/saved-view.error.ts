import { AppError, type FieldError } from '../../../common/errors/app-error.js';
import { ErrorCode } from '../../../common/errors/error-code.js';

export class SavedViewError extends AppError {
  /** Also for another user's personal view, and a shared one of a queue the caller cannot see. */
  static notFound(): SavedViewError {
    return new SavedViewError(ErrorCode.NotFound, 'No such view.');
  }

  /** A queue the caller holds no access to is answered like one that does not exist. */
  static queueNotFound(): SavedViewError {
    return new SavedViewError(ErrorCode.NotFound, 'No such queue.');
  }

  static noSuchQueue(): SavedViewError {
    return new SavedViewError(ErrorCode.ValidationFailed, 'The request is invalid: queueId.', [
      { field: 'queueId', message: 'is not a queue' },
    ]);
  }

  static forbidden(action: string): SavedViewError {
    return new SavedViewError(
      ErrorCode.Forbidden,
      `You do not have the permission \`${action}\` here.`,
    );
  }

  static tooMany(limit: number, shared: boolean): SavedViewError {
    return new SavedViewError(
      ErrorCode.Conflict,
      shared
        ? `A queue has at most ${limit} shared views; delete one first.`
        : `You have at most ${limit} views of your own; delete one first.`,
    );
  }

  private constructor(code: ErrorCode, detail: string, fieldErrors?: FieldError[]) {
    super(code, detail, fieldErrors);
    this.name = 'SavedViewError';
  }
}
