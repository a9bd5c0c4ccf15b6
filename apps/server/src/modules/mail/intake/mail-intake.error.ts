import { AppError, ValidationFailedError } from '../../../common/errors/app-error.js';
import { ErrorCode } from '../../../common/errors/error-code.js';

/** Errors of mail intake's admin API (the quarantine). */
export class MailIntakeError extends AppError {
  static notFound(): MailIntakeError {
    return new MailIntakeError(ErrorCode.NotFound, 'No such incoming mail.');
  }

  /** Only quarantined mail can be retried or turned into a ticket. */
  static notQuarantined(status: string): MailIntakeError {
    return new MailIntakeError(
      ErrorCode.Conflict,
      `The mail is ${status}, not quarantined: there is nothing left to do with it.`,
      { mailStatus: status },
    );
  }

  static invalidField(field: string, message: string): ValidationFailedError {
    return new ValidationFailedError([{ field, message }]);
  }

  private constructor(code: ErrorCode, detail: string, extensions?: Record<string, unknown>) {
    super(code, detail, undefined, undefined, extensions);
    this.name = 'MailIntakeError';
  }
}

/**
 * Intake found, about to commit an import, that this replica's lease on the mailbox has gone to
 * another replica (it was paused or cut off past the lease): the import is rolled back, for the
 * new holder to do, and this replica stops fetching the mailbox.
 */
export class MailboxLeaseLostError extends Error {
  constructor(readonly mailboxId: string) {
    super(`the lease on mailbox ${mailboxId} went to another replica`);
    this.name = 'MailboxLeaseLostError';
  }
}
