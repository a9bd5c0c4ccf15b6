import type { TicketState, TransitionCheck } from '@tessera/domain';
import { AppError, ValidationFailedError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

export class TicketError extends AppError {
  static notFound(): TicketError {
    return new TicketError(ErrorCode.NotFound, 'No such ticket.');
  }

  static invalidTransition(
    from: TicketState,
    to: TicketState,
    check: Extract<TransitionCheck, { allowed: false }>,
  ): TicketError {
    const allowed = check.allowedTargets.length ? check.allowedTargets.join(', ') : 'none';
    return new TicketError(
      ErrorCode.InvalidTransition,
      `A ${from} ticket cannot become ${to}. Allowed from ${from}: ${allowed}.`,
      { from, to, allowedTargets: check.allowedTargets },
    );
  }

  static finished(state: TicketState): TicketError {
    return new TicketError(ErrorCode.Conflict, `The ticket is ${state} and takes no more changes.`);
  }

  static versionRequired(): TicketError {
    return new TicketError(
      ErrorCode.PreconditionRequired,
      'Send If-Match with the version you read, so a concurrent change is never overwritten.',
    );
  }

  static stale(currentVersion: number): TicketError {
    return new TicketError(
      ErrorCode.PreconditionFailed,
      `The ticket changed since you read it; it is now at version ${currentVersion}.`,
      { currentVersion },
    );
  }

  static invalidField(field: string, message: string): ValidationFailedError {
    return new ValidationFailedError([{ field, message }]);
  }

  private constructor(code: ErrorCode, detail: string, extensions?: Record<string, unknown>) {
    super(code, detail, undefined, undefined, extensions);
    this.name = 'TicketError';
  }
}
