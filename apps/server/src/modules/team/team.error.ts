import { AppError, type FieldError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

export class TeamError extends AppError {
  static notFound(): TeamError {
    return new TeamError(ErrorCode.NotFound, 'No such team.');
  }

  static userNotFound(): TeamError {
    return new TeamError(ErrorCode.NotFound, 'No such user.');
  }

  static notAMember(): TeamError {
    return new TeamError(ErrorCode.NotFound, 'That user is not a member of this team.');
  }

  static nameTaken(name: string): TeamError {
    return new TeamError(ErrorCode.Conflict, `A team named "${name}" already exists.`, [
      { field: 'name', message: 'is already taken by another team' },
    ]);
  }

  /** Teams exist to grant queue access, which only staff can hold. */
  static memberNotStaff(): TeamError {
    return new TeamError(ErrorCode.ValidationFailed, 'The request is invalid: userId.', [
      { field: 'userId', message: 'must be an agent or an admin' },
    ]);
  }

  private constructor(code: ErrorCode, detail: string, fieldErrors?: FieldError[]) {
    super(code, detail, fieldErrors);
    this.name = 'TeamError';
  }
}
