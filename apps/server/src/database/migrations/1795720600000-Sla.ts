import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The `due` sort's key; word for word as in ticket-sort.ts (dueKey). */
const DUE = `COALESCE("sla_next_due_at", 'infinity'::timestamptz)`;

/** The built-in calendar (sla-calendar.entity.ts ALWAYS_OPEN_CALENDAR_ID): every day, all day. */
const ALWAYS_OPEN_ID = '00000000-0000-4000-8000-000000000247';
const ALL_DAY_WEEK = JSON.stringify(
  Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
      day,
      [{ start: '00:00', end: '24:00' }],
    ]),
  ),
);

export class Sla1795720600000 implements MigrationInterface {
  name = 'Sla1795720600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sla_calendars" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "time_zone" character varying(64) NOT NULL, "week" jsonb NOT NULL, "holidays" jsonb NOT NULL DEFAULT '[]', "built_in" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sla_calendars_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sla_policies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "position" integer NOT NULL DEFAULT '0', "active" boolean NOT NULL DEFAULT true, "conditions" jsonb NOT NULL DEFAULT '{}', "first_response_minutes" integer, "next_response_minutes" integer, "resolution_minutes" integer, "calendar_id" uuid NOT NULL, "warning_percent" integer NOT NULL DEFAULT '80', "notify" boolean NOT NULL DEFAULT true, "raise_priority" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sla_policies_warning_percent_check" CHECK ("warning_percent" BETWEEN 1 AND 100), CONSTRAINT "sla_policies_targets_check" CHECK ("first_response_minutes" > 0 AND "next_response_minutes" > 0 AND "resolution_minutes" > 0), CONSTRAINT "sla_policies_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "sla_policies_position_idx" ON "sla_policies"  ("position") `,
    );
    await queryRunner.query(
      `CREATE INDEX "sla_policies_calendar_id_idx" ON "sla_policies"  ("calendar_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "ticket_id" uuid, "kind" character varying(30) NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "notifications_kind_check" CHECK ("kind" IN ('sla_warning', 'sla_breach')), CONSTRAINT "notifications_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_ticket_id_idx" ON "notifications"  ("ticket_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_user_created_idx" ON "notifications"  ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(`ALTER TABLE "tickets" ADD "sla_policy_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD "sla_first_response_status" character varying(10)`,
    );
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD "sla_first_response_due_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD "sla_first_response_breached_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "tickets" ADD "sla_first_response_minutes" integer`);
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD "sla_next_response_status" character varying(10)`,
    );
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD "sla_next_response_due_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD "sla_next_response_breached_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD "sla_resolution_status" character varying(10)`,
    );
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD "sla_resolution_due_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD "sla_resolution_breached_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "tickets" ADD "sla_resolution_minutes" integer`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD "sla_next_due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD "sla_next_alert_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_sla_policy_id_idx" ON "tickets"  ("sla_policy_id") `,
    );
    // Added by hand: names unique regardless of case, the `due` sort's indexes (on the key
    // expression the queries repeat; unassigned tickets by a partial index, as in TicketViews),
    // the breach sweep's partial index, and the built-in 24/7 calendar.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "sla_calendars_name_lower_key" ON "sla_calendars" (lower("name"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "sla_policies_name_lower_key" ON "sla_policies" (lower("name"))`,
    );
    await queryRunner.query(`CREATE INDEX "tickets_due_idx" ON "tickets" (${DUE}, "id")`);
    await queryRunner.query(
      `CREATE INDEX "tickets_state_due_idx" ON "tickets" ("state", ${DUE}, "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_queue_state_due_idx" ON "tickets" ("queue_id", "state", ${DUE}, "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_assignee_state_due_idx" ON "tickets" ("assignee_id", "state", ${DUE}, "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_unassigned_state_due_idx" ON "tickets" ("state", ${DUE}, "id") WHERE "assignee_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_sla_next_alert_idx" ON "tickets" ("sla_next_alert_at") WHERE "sla_next_alert_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `INSERT INTO "sla_calendars" ("id", "name", "time_zone", "week", "holidays", "built_in") VALUES ($1, '24/7', 'UTC', $2, '[]', true)`,
      [ALWAYS_OPEN_ID, ALL_DAY_WEEK],
    );
    await queryRunner.query(
      `ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_calendar_id_fkey" FOREIGN KEY ("calendar_id") REFERENCES "sla_calendars"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD CONSTRAINT "tickets_sla_policy_id_fkey" FOREIGN KEY ("sla_policy_id") REFERENCES "sla_policies"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "notifications_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notifications" DROP CONSTRAINT "notifications_ticket_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" DROP CONSTRAINT "notifications_user_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "tickets_sla_policy_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "sla_policies" DROP CONSTRAINT "sla_policies_calendar_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."tickets_sla_next_alert_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_unassigned_state_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_assignee_state_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_queue_state_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_state_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sla_policies_name_lower_key"`);
    await queryRunner.query(`DROP INDEX "public"."sla_calendars_name_lower_key"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_sla_policy_id_idx"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "sla_next_alert_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "sla_next_due_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "sla_resolution_minutes"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "sla_resolution_breached_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "sla_resolution_due_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "sla_resolution_status"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "sla_next_response_breached_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "sla_next_response_due_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "sla_next_response_status"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "sla_first_response_minutes"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "sla_first_response_breached_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "sla_first_response_due_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "sla_first_response_status"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "sla_policy_id"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_user_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_ticket_id_idx"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."sla_policies_calendar_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sla_policies_position_idx"`);
    await queryRunner.query(`DROP TABLE "sla_policies"`);
    await queryRunner.query(`DROP TABLE "sla_calendars"`);
  }
}
