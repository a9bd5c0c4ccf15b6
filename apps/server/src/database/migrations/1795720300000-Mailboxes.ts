import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Mailboxes1795720300000 implements MigrationInterface {
  name = 'Mailboxes1795720300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mailboxes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "address" character varying(254) NOT NULL, "display_name" character varying(200) NOT NULL, "queue_id" uuid NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "imap_host" character varying(255) NOT NULL, "imap_port" integer NOT NULL, "imap_tls" character varying(10) NOT NULL DEFAULT 'tls', "imap_verify_certificate" boolean NOT NULL DEFAULT true, "imap_user" character varying(255) NOT NULL, "imap_password_sealed" text NOT NULL, "imap_folder" character varying(255) NOT NULL DEFAULT 'INBOX', "after_import" character varying(10) NOT NULL DEFAULT 'flag', "after_import_folder" character varying(255), "poll_interval_seconds" integer NOT NULL DEFAULT '30', "smtp_host" character varying(255), "smtp_port" integer, "smtp_tls" character varying(10), "smtp_verify_certificate" boolean NOT NULL DEFAULT true, "smtp_user" character varying(255), "smtp_password_sealed" text, "sender_name" character varying(10) NOT NULL DEFAULT 'agent', "last_fetched_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "last_error_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "mailboxes_sender_name_check" CHECK ("sender_name" IN ('agent', 'mailbox')), CONSTRAINT "mailboxes_after_import_check" CHECK ("after_import" IN ('move', 'flag')), CONSTRAINT "mailboxes_smtp_tls_check" CHECK ("smtp_tls" IS NULL OR "smtp_tls" IN ('tls', 'starttls', 'none')), CONSTRAINT "mailboxes_imap_tls_check" CHECK ("imap_tls" IN ('tls', 'starttls', 'none')), CONSTRAINT "mailboxes_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "mailboxes_address_key" ON "mailboxes"  ("address") `,
    );
    await queryRunner.query(`CREATE INDEX "mailboxes_queue_id_idx" ON "mailboxes"  ("queue_id") `);
    await queryRunner.query(
      `ALTER TABLE "ticket_messages" ADD "mail_message_id" character varying(998)`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD "email_undeliverable_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "users" ADD "email_undeliverable_reason" text`);
    await queryRunner.query(
      `CREATE INDEX "ticket_messages_mail_message_id_idx" ON "ticket_messages"  ("mail_message_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_queue_id_fkey" FOREIGN KEY ("queue_id") REFERENCES "queues"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mailboxes" DROP CONSTRAINT "mailboxes_queue_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."ticket_messages_mail_message_id_idx"`);
    await queryRunner.query(`ALTER TABLE "ticket_messages" DROP COLUMN "mail_message_id"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email_undeliverable_reason"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email_undeliverable_at"`);
    await queryRunner.query(`DROP INDEX "public"."mailboxes_queue_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mailboxes_address_key"`);
    await queryRunner.query(`DROP TABLE "mailboxes"`);
  }
}
