import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketLinks1795720100000 implements MigrationInterface {
  name = 'TicketLinks1795720100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ticket_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source_id" uuid NOT NULL, "target_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ticket_links_source_target_key" UNIQUE ("source_id", "target_id"), CONSTRAINT "ticket_links_kind_check" CHECK ("kind" IN ('related', 'follow_up')), CONSTRAINT "ticket_links_not_self_check" CHECK ("source_id" <> "target_id"), CONSTRAINT "ticket_links_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_links_target_id_idx" ON "ticket_links"  ("target_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_links_created_by_idx" ON "ticket_links"  ("created_by") `,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_links" ADD CONSTRAINT "ticket_links_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_links" ADD CONSTRAINT "ticket_links_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_links" ADD CONSTRAINT "ticket_links_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "ticket_links" DROP CONSTRAINT "ticket_links_created_by_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_links" DROP CONSTRAINT "ticket_links_target_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_links" DROP CONSTRAINT "ticket_links_source_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ticket_links_created_by_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ticket_links_target_id_idx"`);
    await queryRunner.query(`DROP TABLE "ticket_links"`);
  }
}
