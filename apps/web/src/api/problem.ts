// Errors come back as RFC 9457 problem documents (docs/api.md, "Errors"). The OpenAPI document
// does not describe their body, so this is the one place that reads it.

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  status: number;
  code: string;
  detail: string;
  errors: FieldError[];
  /** Extra members some problems carry (e.g. `currentVersion` on 412). */
  extra: Record<string, unknown>;
}

export function readProblem(error: unknown, response: Response | undefined): Problem {
  const body = (typeof error === 'object' && error !== null ? error : {}) as Record<
    string,
    unknown
  >;
  const status = response?.status ?? 0;
  const errors = Array.isArray(body.errors)
    ? (body.errors as unknown[]).flatMap((entry) => {
        const item = entry as Record<string, unknown>;
        return typeof item.field === 'string' && typeof item.message === 'string'
          ? [{ field: item.field, message: item.message }]
          : [];
      })
    : [];
  return {
    status,
    code: typeof body.code === 'string' ? body.code : status ? `http_${status}` : 'network_error',
    detail:
      typeof body.detail === 'string'
        ? body.detail
        : status
          ? `The server answered ${status}.`
          : 'The server could not be reached.',
    errors,
    extra: body,
  };
}

/** One line for a status message: the detail, then each field error. */
export function describeProblem(problem: Problem): string {
  if (problem.errors.length === 0) return problem.detail;
  return problem.errors.map((error) => `${error.field} ${error.message}`).join('; ');
}

/** A thrown error for a failed call, keeping the problem for whoever catches it. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(describeProblem(problem));
  }
}

/** Unwraps an openapi-fetch result: the data, or an ApiError with the problem. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    // 204 answers have no body: openapi-fetch gives `data: undefined` without an error.
    if (result.error === undefined && result.response.ok) return undefined as T;
    throw new ApiError(readProblem(result.error, result.response));
  }
  return result.data;
}

/**
 * A refused request's messages by field (several for one field joined), to show each next to its
 * field; empty for any other error.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const byField: Record<string, string> = {};
  for (const { field, message } of error.problem.errors) {
    byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
  }
  return byField;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
