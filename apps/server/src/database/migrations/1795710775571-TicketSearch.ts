import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketSearch1795710775571 implements MigrationInterface {
  name = 'TicketSearch1795710775571';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD "search_vector" tsvector NOT NULL DEFAULT ''::tsvector`,
    );
    // Added by hand: the GIN index full-text search runs on.
    await queryRunner.query(
      `CREATE INDEX "tickets_search_idx" ON "tickets" USING gin ("search_vector")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."tickets_search_idx"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "search_vector"`);
  }
}
