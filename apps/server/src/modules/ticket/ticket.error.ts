import type { Action, MergeCheck, TicketState, TransitionCheck } from '@tessera/domain';
import { AppError, ValidationFailedError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

export class TicketError extends AppError {
  static notFound(): TicketError {
    return new TicketError(ErrorCode.NotFound, 'No such ticket.');
  }

  static notAFollower(): TicketError {
    return new TicketError(ErrorCode.NotFound, 'That user does not follow the ticket.');
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

  /** Staff writing to a merged ticket are told where its conversation went. */
  static mergedInto(into: { id: string; number: number }): TicketError {
    return new TicketError(
      ErrorCode.Conflict,
      `The ticket was merged into #${into.number}; write there.`,
      { mergedIntoId: into.id, mergedIntoNumber: into.number },
    );
  }

  static mergeRefused(
    check: Extract<MergeCheck, { allowed: false }>,
    source: { number: number },
    target: { number: number; mergedIntoId: string | null },
  ): AppError {
    switch (check.reason) {
      case 'same_ticket':
        return TicketError.invalidField('targetId', 'must be another ticket than the one merged');
      case 'source_finished':
        return new TicketError(
          ErrorCode.Conflict,
          `Ticket #${source.number} is ${check.state ?? 'finished'} and cannot be merged.`,
          { state: check.state },
        );
      case 'target_finished':
        return new TicketError(
          ErrorCode.Conflict,
          `Ticket #${target.number} is ${check.state ?? 'finished'} and cannot take a merge.`,
          { targetState: check.state, targetMergedIntoId: target.mergedIntoId },
        );
    }
  }

  /** A second ticket a request names that does not exist or is hidden from the caller: the same. */
  static unknownRelated(field: string): ValidationFailedError {
    return TicketError.invalidField(field, 'no such ticket');
  }

  static forbiddenOn(action: Action, number: number): AppError {
    return new AppError(
      ErrorCode.Forbidden,
      `You do not have the permission \`${action}\` on ticket #${number}.`,
    );
  }

  static noSuchLink(): TicketError {
    return new TicketError(ErrorCode.NotFound, 'The tickets are not linked.');
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

  /** The caller may not set this field at all (a permission, so 403), named like a 400. */
  static forbiddenField(field: string, message: string): AppError {
    return new AppError(ErrorCode.Forbidden, `You may not set ${field}: ${message}.`, [
      { field, message },
    ]);
  }

  static invalidField(field: string, message: string): ValidationFailedError {
    return new ValidationFailedError([{ field, message }]);
  }

  private constructor(code: ErrorCode, detail: string, extensions?: Record<string, unknown>) {
    super(code, detail, undefined, undefined, extensions);
    this.name = 'TicketError';
  }
}
