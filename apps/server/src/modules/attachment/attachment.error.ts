import { AppError, ValidationFailedError, type FieldError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

export class AttachmentError extends AppError {
  /** Also the answer for attachments the caller may not see: telling they exist would leak. */
  static notFound(): AttachmentError {
    return new AttachmentError(ErrorCode.NotFound, 'No such attachment.');
  }

  static tooLarge(maxBytes: number): AttachmentError {
    return new AttachmentError(
      ErrorCode.PayloadTooLarge,
      `The file is larger than the limit of ${maxBytes} bytes.`,
      [{ field: 'body', message: `must be at most ${maxBytes} bytes` }],
      { maxBytes },
    );
  }

  /** The upload parser was reached by a route that takes no upload. */
  static unsupportedMediaType(): AttachmentError {
    return new AttachmentError(
      ErrorCode.UnsupportedMediaType,
      'This route does not accept this Content-Type.',
    );
  }

  /** A form instead of a file: it would be stored as the form, boundaries and all. */
  static multipartRefused(): AttachmentError {
    return new AttachmentError(
      ErrorCode.UnsupportedMediaType,
      "Send the file's bytes as the body, with the file's own Content-Type, not a multipart form.",
    );
  }

  static invalidFilename(message: string): ValidationFailedError {
    return new ValidationFailedError([{ field: 'filename', message }]);
  }

  static notClaimable(): ValidationFailedError {
    return new ValidationFailedError([
      {
        field: 'attachments',
        message: 'must be ids of your own uploads that are not attached to a message yet',
      },
    ]);
  }

  private constructor(
    code: ErrorCode,
    detail: string,
    fieldErrors?: FieldError[],
    extensions?: Record<string, unknown>,
  ) {
    super(code, detail, fieldErrors, undefined, extensions);
    this.name = 'AttachmentError';
  }
}
