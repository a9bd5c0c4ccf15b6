// Whether this replica is importing a backlog of mail (more than one batch waiting in a mailbox,
// as after an outage of the mail server or of Tessera). Automatic mail (acknowledgements) waits
// for it to end, so that the cores store the customers' mail first; it then goes out at full
// speed. Mail people write (replies, notifications to agents) never waits.
import { Injectable } from '@nestjs/common';

@Injectable()
export class IntakeBacklog {
  private importing = 0;
  private readonly waiting = new Set<() => void>();

  /** A backlog's import begins; call what it returns when it ends (once, however it ends). */
  begin(): () => void {
    this.importing++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.importing--;
      if (this.importing === 0) {
        for (const release of [...this.waiting]) release();
      }
    };
  }

  get busy(): boolean {
    return this.importing > 0;
  }

  /**
   * Resolves once no backlog is being imported, or after `maxWaitMs` at the most: a mailbox that
   * never runs dry does not hold acknowledgements back for good.
   */
  settled(maxWaitMs: number): Promise<void> {
    if (this.importing === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.waiting.delete(release);
        resolve();
      };
      const timer = setTimeout(release, maxWaitMs);
      this.waiting.add(release);
    });
  }
}
