// Mailbox passwords are sealed with the instance secret before they are stored, and opened only
// to connect: a database dump alone does not give them away.
import { Inject, Injectable } from '@nestjs/common';
import { SecretBox } from '../../../common/crypto/secret-box.js';
import { RUNTIME, type Runtime } from '../../../core/runtime.js';

@Injectable()
export class MailSecrets {
  private readonly box: SecretBox;

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    this.box = new SecretBox(runtime.secret);
  }

  seal(password: string): string {
    return this.box.seal(password);
  }

  /** Throws when the value was sealed under another instance secret (it was rotated). */
  open(sealed: string): string {
    return this.box.open(sealed);
  }

  /** Whether `sealed` holds `password`; false as well when it cannot be opened any more. */
  holds(sealed: string, password: string): boolean {
    try {
      return this.box.open(sealed) === password;
    } catch {
      return false;
    }
  }
}
