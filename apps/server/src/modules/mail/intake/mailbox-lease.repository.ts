// Leases on mailboxes: which replica fetches a mailbox's mail. Claimed and renewed with one
// statement that succeeds only for the holder or once the lease expired, timed by the database's
// clock (the replicas' clocks may disagree), so any pool size works, the embedded database's
// single connection included.
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface MailboxLeaseRecord {
  mailboxId: string;
  holder: string;
  acquiredAt: Date;
  expiresAt: Date;
}

@Injectable()
export class MailboxLeaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Takes the lease for `holder`, or renews it, for `ttlSeconds` from now. False when another
   * holder's lease has not expired yet (or the mailbox is gone).
   */
  async claim(mailboxId: string, holder: string, ttlSeconds: number): Promise<boolean> {
    const rows = await this.dataSource.query<{ holder: string }[]>(
      `INSERT INTO mailbox_leases (mailbox_id, holder, acquired_at, expires_at)
       SELECT id, $2, now(), now() + $3 * interval '1 second' FROM mailboxes WHERE id = $1
       ON CONFLICT (mailbox_id) DO UPDATE
          SET holder = EXCLUDED.holder,
              acquired_at = CASE WHEN mailbox_leases.holder = EXCLUDED.holder
                                 THEN mailbox_leases.acquired_at ELSE EXCLUDED.acquired_at END,
              expires_at = EXCLUDED.expires_at
        WHERE mailbox_leases.holder = EXCLUDED.holder OR mailbox_leases.expires_at < now()
       RETURNING holder`,
      [mailboxId, holder, ttlSeconds],
    );
    return rows.length > 0;
  }

  /**
   * In an import transaction, just before it commits: whether `holder` still has the lease,
   * and if so, the lease stays its own until the transaction ends (a share lock on the row: a
   * replica taking it over waits). The time is the database's clock now, not the transaction's
   * start, which may lie long back (a replica frozen mid-import).
   */
  async holdsUntilCommit(
    manager: EntityManager,
    mailboxId: string,
    holder: string,
  ): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM mailbox_leases
        WHERE mailbox_id = $1 AND holder = $2 AND expires_at > clock_timestamp()
          FOR SHARE`,
      [mailboxId, holder],
    );
    return rows.length > 0;
  }

  /** Gives the lease up, if `holder` still has it, so another replica can take over at once. */
  async release(mailboxId: string, holder: string): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM mailbox_leases WHERE mailbox_id = $1 AND holder = $2',
      [mailboxId, holder],
    );
  }

  async find(mailboxId: string): Promise<MailboxLeaseRecord | undefined> {
    const rows = await this.dataSource.query<
      { mailbox_id: string; holder: string; acquired_at: Date; expires_at: Date }[]
    >(
      'SELECT mailbox_id, holder, acquired_at, expires_at FROM mailbox_leases WHERE mailbox_id = $1',
      [mailboxId],
    );
    const row = rows[0];
    return (
      row && {
        mailboxId: row.mailbox_id,
        holder: row.holder,
        acquiredAt: row.acquired_at,
        expiresAt: row.expires_at,
      }
    );
  }
}
