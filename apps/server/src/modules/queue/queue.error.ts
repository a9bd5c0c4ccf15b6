import { AppError, type FieldError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

export class QueueError extends AppError {
  static notFound(): QueueError {
    return new QueueError(ErrorCode.NotFound, 'No such queue.');
  }

  static slugTaken(slug: string): QueueError {
    return new QueueError(ErrorCode.Conflict, `Another queue has the slug "${slug}".`, [
      { field: 'slug', message: 'is already taken by another queue' },
    ]);
  }

  static userNotFound(): QueueError {
    return new QueueError(ErrorCode.NotFound, 'No such user.');
  }

  static teamNotFound(): QueueError {
    return new QueueError(ErrorCode.NotFound, 'No such team.');
  }

  static grantNotFound(): QueueError {
    return new QueueError(ErrorCode.NotFound, 'No such grant on this queue.');
  }

  /** Admins already hold every queue and customers never hold any: grants are for agents. */
  static granteeNotAgent(): QueueError {
    return new QueueError(ErrorCode.ValidationFailed, 'The request is invalid: userId.', [
      { field: 'userId', message: 'must be an agent' },
    ]);
  }

  private constructor(code: ErrorCode, detail: string, fieldErrors?: FieldError[]) {
    super(code, detail, fieldErrors);
    this.name = 'QueueError';
  }
}
