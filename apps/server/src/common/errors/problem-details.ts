// RFC 9457 problem details: the one shape every error answer of the API takes.
import { HttpException } from '@nestjs/common';
import { AppError, type FieldError } from './app-error.js';
import { ErrorCode, errorCodeForStatus, httpStatusOf } from './error-code.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ErrorCode;
  requestId: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface Problem {
  body: ProblemDetails;
  headers: Record<string, string>;
  /** True when the error was not raised on purpose: log it with its stack. */
  unexpected: boolean;
}

const TITLES: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  validation_failed: 'Validation failed',
  unauthorized: 'Authentication required',
  invalid_credentials: 'Invalid credentials',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  not_acceptable: 'Not acceptable',
  conflict: 'Conflict',
  invalid_transition: 'Invalid state transition',
  precondition_failed: 'Precondition failed',
  precondition_required: 'Precondition required',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  too_many_requests: 'Too many requests',
  internal_error: 'Internal server error',
  service_unavailable: 'Service unavailable',
};

export function problemTypeUri(code: ErrorCode): string {
  return `urn:tessera:problem:${code}`;
}

/** Turns anything thrown while serving a request into the problem answer for the client. */
export function toProblem(error: unknown, request: { id: string; url: string }): Problem {
  const base = { instance: request.url, requestId: request.id };
  if (error instanceof AppError) {
    return {
      body: {
        ...describe(error.code),
        detail: error.detail,
        ...base,
        ...(error.fieldErrors ? { errors: error.fieldErrors } : {}),
        ...error.extensions,
      },
      headers: error.headers ?? {},
      unexpected: false,
    };
  }
  const status = statusOf(error);
  if (status !== undefined && status < 500) {
    const code = errorCodeForStatus(status);
    return {
      body: { ...describe(code), status, detail: clientMessage(error, code), ...base },
      headers: {},
      unexpected: false,
    };
  }
  // Anything else is a bug or an outage: the client gets the request id, never the internals.
  const code = status === 503 ? ErrorCode.ServiceUnavailable : ErrorCode.InternalError;
  return {
    body: {
      ...describe(code),
      detail: `Something went wrong on our side. Quote request id ${request.id} when reporting it.`,
      ...base,
    },
    headers: {},
    unexpected: true,
  };
}

function describe(code: ErrorCode) {
  return { type: problemTypeUri(code), title: TITLES[code], status: httpStatusOf(code), code };
}

/** The status of a framework error: Nest's HttpException or Fastify's errors with statusCode. */
function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : undefined;
}

function clientMessage(error: unknown, code: ErrorCode): string {
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const message =
      typeof response === 'string' ? response : (response as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  } else if (error instanceof Error && error.message) {
    return error.message;
  }
  return TITLES[code];
}
