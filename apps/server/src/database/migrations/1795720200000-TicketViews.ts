import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The urgency rank the priority sort orders by; word for word as in ticket-sort.ts. */
const PRIORITY_RANK = `(CASE priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END)`;

export class TicketViews1795720200000 implements MigrationInterface {
  name = 'TicketViews1795720200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ticket_views" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "owner_id" uuid, "queue_id" uuid, "filter" jsonb NOT NULL DEFAULT '{}', "sort" character varying(20) NOT NULL DEFAULT 'updated', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ticket_views_owner_or_queue_check" CHECK (("owner_id" IS NULL) <> ("queue_id" IS NULL)), CONSTRAINT "ticket_views_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_views_owner_id_idx" ON "ticket_views"  ("owner_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_views_queue_id_idx" ON "ticket_views"  ("queue_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_assignee_state_created_idx" ON "tickets"  ("assignee_id", "state", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_queue_state_created_idx" ON "tickets"  ("queue_id", "state", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_state_updated_idx" ON "tickets"  ("state", "updated_at", "id") `,
    );
    // Added by hand: the priority sort's indexes, on the rank expression the queries repeat, and
    // partial indexes for unassigned tickets (`assignee_id IS NULL` is no equality that would
    // keep an index range on (assignee_id, state, …) in order).
    await queryRunner.query(
      `CREATE INDEX "tickets_priority_idx" ON "tickets" (${PRIORITY_RANK}, "updated_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_queue_state_priority_idx" ON "tickets" ("queue_id", "state", ${PRIORITY_RANK}, "updated_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_assignee_state_priority_idx" ON "tickets" ("assignee_id", "state", ${PRIORITY_RANK}, "updated_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_unassigned_state_updated_idx" ON "tickets" ("state", "updated_at", "id") WHERE "assignee_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_unassigned_state_created_idx" ON "tickets" ("state", "created_at", "id") WHERE "assignee_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_unassigned_state_priority_idx" ON "tickets" ("state", ${PRIORITY_RANK}, "updated_at", "id") WHERE "assignee_id" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_views" ADD CONSTRAINT "ticket_views_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_views" ADD CONSTRAINT "ticket_views_queue_id_fkey" FOREIGN KEY ("queue_id") REFERENCES "queues"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "ticket_views" DROP CONSTRAINT "ticket_views_queue_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_views" DROP CONSTRAINT "ticket_views_owner_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."tickets_unassigned_state_priority_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_unassigned_state_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_unassigned_state_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_assignee_state_priority_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_queue_state_priority_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_priority_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_state_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_queue_state_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_assignee_state_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ticket_views_queue_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ticket_views_owner_id_idx"`);
    await queryRunner.query(`DROP TABLE "ticket_views"`);
  }
}
