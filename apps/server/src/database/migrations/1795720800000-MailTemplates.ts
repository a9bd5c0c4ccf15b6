import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MailTemplates1795720800000 implements MigrationInterface {
  name = 'MailTemplates1795720800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_templates" ("key" character varying(50) NOT NULL, "subject" text NOT NULL, "body_text" text NOT NULL, "body_html" text NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "updated_by" uuid, CONSTRAINT "mail_templates_pkey" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD "mail_notifications" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(
      `ALTER TABLE "mailboxes" ADD "acknowledge_new_tickets" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(`ALTER TABLE "outgoing_mails" ADD "body_text" text`);
    await queryRunner.query(`ALTER TABLE "outgoing_mails" ADD "body_html" text`);
    // Written by hand: the CLI compares check constraints by name and misses a new expression.
    await queryRunner.query(
      `ALTER TABLE "outgoing_mails" DROP CONSTRAINT "outgoing_mails_kind_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "outgoing_mails" ADD CONSTRAINT "outgoing_mails_kind_check" CHECK ("kind" IN ('reply', 'acknowledgement', 'notification'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_templates" ADD CONSTRAINT "mail_templates_updated_by_fkey" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "mail_templates" DROP CONSTRAINT "mail_templates_updated_by_fkey"`,
    );
    // Notifications cannot stay under the old constraint.
    await queryRunner.query(`DELETE FROM "outgoing_mails" WHERE "kind" = 'notification'`);
    await queryRunner.query(
      `ALTER TABLE "outgoing_mails" DROP CONSTRAINT "outgoing_mails_kind_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "outgoing_mails" ADD CONSTRAINT "outgoing_mails_kind_check" CHECK ("kind" IN ('reply', 'acknowledgement'))`,
    );
    await queryRunner.query(`ALTER TABLE "outgoing_mails" DROP COLUMN "body_html"`);
    await queryRunner.query(`ALTER TABLE "outgoing_mails" DROP COLUMN "body_text"`);
    await queryRunner.query(`ALTER TABLE "mailboxes" DROP COLUMN "acknowledge_new_tickets"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "mail_notifications"`);
    await queryRunner.query(`DROP TABLE "mail_templates"`);
  }
}
