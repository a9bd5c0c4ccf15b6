import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SettingsAndFollowers1795714115335 implements MigrationInterface {
  name = 'SettingsAndFollowers1795714115335';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "settings" ("key" character varying(100) NOT NULL, "value" jsonb NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "settings_pkey" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "ticket_followers" ("ticket_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ticket_followers_pkey" PRIMARY KEY ("ticket_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_followers_user_id_idx" ON "ticket_followers"  ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_followers" ADD CONSTRAINT "ticket_followers_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_followers" ADD CONSTRAINT "ticket_followers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Added by hand: the auto-close sweep reads resolved tickets by resolution time.
    await queryRunner.query(
      `CREATE INDEX "tickets_resolved_at_idx" ON "tickets" ("resolved_at") WHERE "state" = 'resolved'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."tickets_resolved_at_idx"`);
    await queryRunner.query(
      `ALTER TABLE "ticket_followers" DROP CONSTRAINT "ticket_followers_user_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_followers" DROP CONSTRAINT "ticket_followers_ticket_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ticket_followers_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "ticket_followers"`);
    await queryRunner.query(`DROP TABLE "settings"`);
  }
}
