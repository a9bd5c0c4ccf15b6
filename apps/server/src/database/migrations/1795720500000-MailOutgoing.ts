import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MailOutgoing1795720500000 implements MigrationInterface {
  name = 'MailOutgoing1795720500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outgoing_mails" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "ticket_message_id" uuid, "mailbox_id" uuid, "kind" character varying(20) NOT NULL, "recipient" character varying(254) NOT NULL, "to_addresses" jsonb NOT NULL, "cc_addresses" jsonb NOT NULL DEFAULT '[]', "subject" character varying(998) NOT NULL, "message_id_header" character varying(998) NOT NULL, "in_reply_to" character varying(998), "references_header" text, "status" character varying(10) NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "outgoing_mails_message_kind_key" UNIQUE ("ticket_message_id", "kind"), CONSTRAINT "outgoing_mails_status_check" CHECK ("status" IN ('queued', 'sent', 'failed')), CONSTRAINT "outgoing_mails_kind_check" CHECK ("kind" IN ('reply', 'acknowledgement')), CONSTRAINT "outgoing_mails_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outgoing_mails_ticket_id_idx" ON "outgoing_mails"  ("ticket_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "outgoing_mails_mailbox_id_idx" ON "outgoing_mails"  ("mailbox_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "outgoing_mails_message_id_header_key" ON "outgoing_mails"  ("message_id_header") `,
    );
    await queryRunner.query(
      `CREATE INDEX "outgoing_mails_status_created_idx" ON "outgoing_mails"  ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "outgoing_mails_kind_recipient_created_idx" ON "outgoing_mails"  ("kind", "recipient", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "outgoing_mails" ADD CONSTRAINT "outgoing_mails_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outgoing_mails" ADD CONSTRAINT "outgoing_mails_ticket_message_id_fkey" FOREIGN KEY ("ticket_message_id") REFERENCES "ticket_messages"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outgoing_mails" ADD CONSTRAINT "outgoing_mails_mailbox_id_fkey" FOREIGN KEY ("mailbox_id") REFERENCES "mailboxes"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "outgoing_mails" DROP CONSTRAINT "outgoing_mails_mailbox_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "outgoing_mails" DROP CONSTRAINT "outgoing_mails_ticket_message_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "outgoing_mails" DROP CONSTRAINT "outgoing_mails_ticket_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."outgoing_mails_kind_recipient_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."outgoing_mails_status_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."outgoing_mails_message_id_header_key"`);
    await queryRunner.query(`DROP INDEX "public"."outgoing_mails_mailbox_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."outgoing_mails_ticket_id_idx"`);
    await queryRunner.query(`DROP TABLE "outgoing_mails"`);
  }
}
