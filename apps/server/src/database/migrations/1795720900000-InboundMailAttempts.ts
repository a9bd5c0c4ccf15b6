import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InboundMailAttempts1795720900000 implements MigrationInterface {
  name = 'InboundMailAttempts1795720900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "inbound_mail_attempts" ("mailbox_id" uuid NOT NULL, "message_key" character varying(998) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "inbound_mail_attempts_pkey" PRIMARY KEY ("mailbox_id", "message_key"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbound_mail_attempts" ADD CONSTRAINT "inbound_mail_attempts_mailbox_id_fkey" FOREIGN KEY ("mailbox_id") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "inbound_mail_attempts" DROP CONSTRAINT "inbound_mail_attempts_mailbox_id_fkey"`,
    );
    await queryRunner.query(`DROP TABLE "inbound_mail_attempts"`);
  }
}
