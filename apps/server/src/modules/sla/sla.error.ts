import { AppError, type FieldError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

export class SlaError extends AppError {
  static calendarNotFound(): SlaError {
    return new SlaError(ErrorCode.NotFound, 'No such SLA calendar.');
  }

  static policyNotFound(): SlaError {
    return new SlaError(ErrorCode.NotFound, 'No such SLA policy.');
  }

  static nameTaken(what: 'calendar' | 'policy', name: string): SlaError {
    return new SlaError(ErrorCode.Conflict, `An SLA ${what} named "${name}" already exists.`, [
      { field: 'name', message: `is already taken by another SLA ${what}` },
    ]);
  }

  /** The 24/7 calendar is Tessera's own: always there, always the same. */
  static builtInCalendar(): SlaError {
    return new SlaError(
      ErrorCode.Conflict,
      'The built-in 24/7 calendar can be neither changed nor deleted.',
    );
  }

  static calendarInUse(policies: string[]): SlaError {
    return new SlaError(
      ErrorCode.Conflict,
      `The calendar is used by SLA policies: ${policies.join(', ')}. Give them another first.`,
    );
  }

  static invalid(errors: FieldError[]): SlaError {
    return new SlaError(
      ErrorCode.ValidationFailed,
      `The request is invalid: ${[...new Set(errors.map((e) => e.field))].join(', ')}.`,
      errors,
    );
  }

  private constructor(code: ErrorCode, detail: string, fieldErrors?: FieldError[]) {
    super(code, detail, fieldErrors);
    this.name = 'SlaError';
  }
}
