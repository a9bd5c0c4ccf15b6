import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MailIntake1795720400000 implements MigrationInterface {
  name = 'MailIntake1795720400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "inbound_mails" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "mailbox_id" uuid NOT NULL, "message_key" character varying(998) NOT NULL, "raw" bytea NOT NULL, "size" integer NOT NULL, "status" character varying(12) NOT NULL, "reason" text, "automatic" boolean NOT NULL DEFAULT false, "from_address" character varying(254), "subject" character varying(500), "ticket_id" uuid, "ticket_message_id" uuid, "received_at" TIMESTAMP WITH TIME ZONE, "processed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "inbound_mails_mailbox_message_key" UNIQUE ("mailbox_id", "message_key"), CONSTRAINT "inbound_mails_status_check" CHECK ("status" IN ('imported', 'ignored', 'quarantined')), CONSTRAINT "inbound_mails_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "inbound_mails_ticket_id_idx" ON "inbound_mails"  ("ticket_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "inbound_mails_ticket_message_id_idx" ON "inbound_mails"  ("ticket_message_id") `,
    );
    // The quarantine list, newest first (keyset on created_at, id), over quarantined rows only.
    await queryRunner.query(
      `CREATE INDEX "inbound_mails_quarantine_idx" ON "inbound_mails" ("created_at" DESC, "id" DESC) WHERE "status" = 'quarantined'`,
    );
    await queryRunner.query(
      `CREATE TABLE "mailbox_leases" ("mailbox_id" uuid NOT NULL, "holder" character varying(200) NOT NULL, "acquired_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "mailbox_leases_pkey" PRIMARY KEY ("mailbox_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbound_mails" ADD CONSTRAINT "inbound_mails_mailbox_id_fkey" FOREIGN KEY ("mailbox_id") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbound_mails" ADD CONSTRAINT "inbound_mails_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbound_mails" ADD CONSTRAINT "inbound_mails_ticket_message_id_fkey" FOREIGN KEY ("ticket_message_id") REFERENCES "ticket_messages"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mailbox_leases" ADD CONSTRAINT "mailbox_leases_mailbox_id_fkey" FOREIGN KEY ("mailbox_id") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "mailbox_leases" DROP CONSTRAINT "mailbox_leases_mailbox_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbound_mails" DROP CONSTRAINT "inbound_mails_ticket_message_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbound_mails" DROP CONSTRAINT "inbound_mails_ticket_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbound_mails" DROP CONSTRAINT "inbound_mails_mailbox_id_fkey"`,
    );
    await queryRunner.query(`DROP TABLE "mailbox_leases"`);
    await queryRunner.query(`DROP INDEX "public"."inbound_mails_quarantine_idx"`);
    await queryRunner.query(`DROP INDEX "public"."inbound_mails_ticket_message_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."inbound_mails_ticket_id_idx"`);
    await queryRunner.query(`DROP TABLE "inbound_mails"`);
  }
}
