import { ErrorCode } from './error-code.js';

/** One invalid input, named by its path in the request (`email`, `items.2.quantity`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error Tessera raises on purpose. Feature modules subclass it with their own name; the
 * problem-details filter turns it into an RFC 9457 answer with the stable `code`.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Safe to show to the client. */
    readonly detail: string,
    readonly fieldErrors?: FieldError[],
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
    /** Extra members of the problem document, e.g. the current version of a stale resource. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export class ValidationFailedError extends AppError {
  constructor(fieldErrors: FieldError[]) {
    super(
      ErrorCode.ValidationFailed,
      `The request is invalid: ${fieldErrors.map((e) => e.field).join(', ')}.`,
      fieldErrors,
    );
    this.name = 'ValidationFailedError';
  }
}
