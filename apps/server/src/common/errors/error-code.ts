// Every error code the API can answer with, mapped to its HTTP status in one exhaustive switch.
// Feature modules add their codes here so clients get one stable vocabulary.

export const ErrorCode = {
  BadRequest: 'bad_request',
  ValidationFailed: 'validation_failed',
  Unauthorized: 'unauthorized',
  InvalidCredentials: 'invalid_credentials',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  MethodNotAllowed: 'method_not_allowed',
  NotAcceptable: 'not_acceptable',
  Conflict: 'conflict',
  InvalidTransition: 'invalid_transition',
  PreconditionFailed: 'precondition_failed',
  PreconditionRequired: 'precondition_required',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  TooManyRequests: 'too_many_requests',
  InternalError: 'internal_error',
  ServiceUnavailable: 'service_unavailable',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BadRequest:
    case ErrorCode.ValidationFailed:
      return 400;
    case ErrorCode.Unauthorized:
    case ErrorCode.InvalidCredentials:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.MethodNotAllowed:
      return 405;
    case ErrorCode.NotAcceptable:
      return 406;
    case ErrorCode.Conflict:
    case ErrorCode.InvalidTransition:
      return 409;
    case ErrorCode.PreconditionFailed:
      return 412;
    case ErrorCode.PreconditionRequired:
      return 428;
    case ErrorCode.PayloadTooLarge:
      return 413;
    case ErrorCode.UnsupportedMediaType:
      return 415;
    case ErrorCode.TooManyRequests:
      return 429;
    case ErrorCode.InternalError:
      return 500;
    case ErrorCode.ServiceUnavailable:
      return 503;
  }
}

/** The code for an HTTP error raised by the framework rather than by Tessera's own code. */
export function errorCodeForStatus(status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = {
    400: ErrorCode.BadRequest,
    401: ErrorCode.Unauthorized,
    403: ErrorCode.Forbidden,
    404: ErrorCode.NotFound,
    405: ErrorCode.MethodNotAllowed,
    406: ErrorCode.NotAcceptable,
    409: ErrorCode.Conflict,
    412: ErrorCode.PreconditionFailed,
    428: ErrorCode.PreconditionRequired,
    413: ErrorCode.PayloadTooLarge,
    415: ErrorCode.UnsupportedMediaType,
    429: ErrorCode.TooManyRequests,
    503: ErrorCode.ServiceUnavailable,
  };
  return byStatus[status] ?? (status >= 500 ? ErrorCode.InternalError : ErrorCode.BadRequest);
}
