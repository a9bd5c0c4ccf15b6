import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Tickets1795709955811 implements MigrationInterface {
  name = 'Tickets1795709955811';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tickets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" SERIAL NOT NULL, "subject" character varying(500) NOT NULL, "state" character varying(10) NOT NULL DEFAULT 'new', "priority" character varying(10) NOT NULL DEFAULT 'normal', "queue_id" uuid NOT NULL, "assignee_id" uuid, "requester_id" uuid NOT NULL, "organization_id" uuid, "channel" character varying(10) NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "merged_into_id" uuid, "first_response_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "reopen_count" integer NOT NULL DEFAULT '0', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "tickets_channel_check" CHECK ("channel" IN ('email', 'api', 'web', 'portal')), CONSTRAINT "tickets_priority_check" CHECK ("priority" IN ('low', 'normal', 'high', 'urgent')), CONSTRAINT "tickets_state_check" CHECK ("state" IN ('new', 'open', 'pending', 'resolved', 'closed', 'merged')), CONSTRAINT "tickets_pkey" PRIMARY KEY ("id"))`,
    );
    // Added by hand: numbers start at 10001 (never reused: a sequence); tags filter with GIN.
    await queryRunner.query(`ALTER SEQUENCE "tickets_number_seq" RESTART WITH 10001`);
    await queryRunner.query(`CREATE INDEX "tickets_tags_idx" ON "tickets" USING gin ("tags")`);
    await queryRunner.query(`CREATE INDEX "tickets_created_idx" ON "tickets" ("created_at", "id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "tickets_number_key" ON "tickets"  ("number") `);
    await queryRunner.query(
      `CREATE INDEX "tickets_updated_idx" ON "tickets"  ("updated_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_organization_updated_idx" ON "tickets"  ("organization_id", "updated_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_requester_updated_idx" ON "tickets"  ("requester_id", "updated_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_assignee_state_updated_idx" ON "tickets"  ("assignee_id", "state", "updated_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_queue_state_updated_idx" ON "tickets"  ("queue_id", "state", "updated_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ticket_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "actor_id" uuid, "type" character varying(20) NOT NULL, "before" jsonb, "after" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ticket_events_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_events_type_created_idx" ON "ticket_events"  ("type", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_events_ticket_created_idx" ON "ticket_events"  ("ticket_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ticket_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "author_id" uuid, "internal" boolean NOT NULL DEFAULT false, "body_text" text NOT NULL, "body_html" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ticket_messages_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_messages_author_id_idx" ON "ticket_messages"  ("author_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_messages_ticket_created_idx" ON "ticket_messages"  ("ticket_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD CONSTRAINT "tickets_queue_id_fkey" FOREIGN KEY ("queue_id") REFERENCES "queues"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD CONSTRAINT "tickets_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD CONSTRAINT "tickets_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tickets" ADD CONSTRAINT "tickets_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "tickets"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_messages" ADD CONSTRAINT "ticket_messages_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_messages" ADD CONSTRAINT "ticket_messages_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "ticket_messages" DROP CONSTRAINT "ticket_messages_author_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_messages" DROP CONSTRAINT "ticket_messages_ticket_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ticket_events" DROP CONSTRAINT "ticket_events_ticket_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "tickets_merged_into_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "tickets_organization_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "tickets_requester_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "tickets_assignee_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "tickets_queue_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."ticket_messages_ticket_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ticket_messages_author_id_idx"`);
    await queryRunner.query(`DROP TABLE "ticket_messages"`);
    await queryRunner.query(`DROP INDEX "public"."ticket_events_ticket_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ticket_events_type_created_idx"`);
    await queryRunner.query(`DROP TABLE "ticket_events"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_queue_state_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_assignee_state_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_requester_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_organization_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_number_key"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_tags_idx"`);
    await queryRunner.query(`DROP TABLE "tickets"`);
  }
}
