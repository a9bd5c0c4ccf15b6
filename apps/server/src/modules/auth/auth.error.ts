import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

export class AuthError extends AppError {
  static unauthenticated(): AuthError {
    return new AuthError(
      ErrorCode.Unauthorized,
      'Sign in first: the access token is missing, invalid, expired or revoked.',
      { 'WWW-Authenticate': 'Bearer realm="tessera"' },
    );
  }

  static invalidCredentials(): AuthError {
    return new AuthError(ErrorCode.InvalidCredentials, 'The email or the password is wrong.');
  }

  static throttled(retryAfterSeconds: number): AuthError {
    return new AuthError(
      ErrorCode.TooManyRequests,
      `Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds.`,
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }

  private constructor(code: ErrorCode, detail: string, headers?: Record<string, string>) {
    super(code, detail, undefined, headers);
    this.name = 'AuthError';
  }
}
