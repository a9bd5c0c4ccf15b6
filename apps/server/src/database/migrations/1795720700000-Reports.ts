import type { MigrationInterface, QueryRunner } from 'typeorm';

/** States in which a ticket waits on someone (the backlog); as OPEN_STATES in report.repository.ts. */
const OPEN = `('new', 'open', 'pending')`;

/**
 * Indexes of the reports (modules/report), each read by one figure, measured on a million
 * tickets (docs/benchmarks.md). Written by hand: partial, with INCLUDE columns, so that a report
 * over a range is one index-only range scan instead of a scan of the tickets or of their events.
 */
export class Reports1795720700000 implements MigrationInterface {
  name = 'Reports1795720700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Time to first response and to resolution (and SLA targets met), by when they happened.
    await queryRunner.query(
      `CREATE INDEX "tickets_first_response_report_idx" ON "tickets" ("first_response_at") INCLUDE ("created_at", "sla_first_response_minutes", "sla_first_response_status") WHERE "first_response_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_resolved_report_idx" ON "tickets" ("resolved_at") INCLUDE ("created_at", "sla_resolution_minutes", "sla_resolution_status") WHERE "resolved_at" IS NOT NULL`,
    );
    // SLA targets missed, by due time: only the tickets that missed one.
    for (const target of ['first_response', 'next_response', 'resolution']) {
      await queryRunner.query(
        `CREATE INDEX "tickets_sla_${target}_breached_idx" ON "tickets" ("sla_${target}_breached_at") WHERE "sla_${target}_breached_at" IS NOT NULL`,
      );
    }
    // Next responses met in time: the tickets whose latest one was, by its due time.
    await queryRunner.query(
      `CREATE INDEX "tickets_sla_next_response_met_idx" ON "tickets" ("sla_next_response_due_at") INCLUDE ("id", "created_at", "requester_id") WHERE "sla_next_response_status" = 'met'`,
    );
    // The events that move a ticket into or out of the backlog; the condition is BACKLOG_EVENT of
    // report.repository.ts, clause for clause, so that the planner recognises it.
    await queryRunner.query(
      `CREATE INDEX "ticket_events_backlog_idx" ON "ticket_events" ("created_at") INCLUDE ("ticket_id", "type", "before", "after") WHERE "type" = 'state' AND ("before" #>> '{}' IN ${OPEN}) <> ("after" #>> '{}' IN ${OPEN}) OR "type" = 'created' AND "after" ->> 'state' NOT IN ${OPEN} OR "type" = 'merged' AND "after" ? 'intoId'`,
    );
    // A ticket's public messages in order, with their authors: when its next response was given.
    await queryRunner.query(
      `CREATE INDEX "ticket_events_public_message_idx" ON "ticket_events" ("ticket_id", "created_at", "id") INCLUDE ("actor_id") WHERE "type" = 'message' AND "after" ->> 'internal' = 'false'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ticket_events_public_message_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ticket_events_backlog_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_sla_next_response_met_idx"`);
    for (const target of ['resolution', 'next_response', 'first_response']) {
      await queryRunner.query(`DROP INDEX "public"."tickets_sla_${target}_breached_idx"`);
    }
    await queryRunner.query(`DROP INDEX "public"."tickets_resolved_report_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_first_response_report_idx"`);
  }
}
