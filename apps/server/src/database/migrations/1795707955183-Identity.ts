import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1795707955183 implements MigrationInterface {
  name = 'Identity1795707955183';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "actor_id" uuid, "action" character varying(64) NOT NULL, "entity_type" character varying(32) NOT NULL, "entity_id" character varying(64) NOT NULL, "before" jsonb, "after" jsonb, "request_id" character varying(128), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_actor_id_idx" ON "audit_events"  ("actor_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_entity_idx" ON "audit_events"  ("entity_type", "entity_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_created_at_id_idx" ON "audit_events"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organization_domains" ("domain" character varying(253) NOT NULL, "organization_id" uuid NOT NULL, CONSTRAINT "organization_domains_pkey" PRIMARY KEY ("domain"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "organization_domains_organization_id_idx" ON "organization_domains"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "tier" character varying(50), "share_tickets" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "organizations_pkey" PRIMARY KEY ("id"))`,
    );
    // Added by hand: names unique regardless of case (expression indexes TypeORM cannot declare).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "organizations_name_lower_key" ON "organizations" (lower("name"))`,
    );
    await queryRunner.query(`CREATE INDEX "organizations_tier_idx" ON "organizations"  ("tier") `);
    await queryRunner.query(
      `CREATE TABLE "api_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "token_hash" character(64) NOT NULL, "token_prefix" character varying(16) NOT NULL, "read_only" boolean NOT NULL DEFAULT false, "expires_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "login_throttles" ("key" character varying(300) NOT NULL, "failures" integer NOT NULL DEFAULT '0', "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "login_throttles_locked_until_idx" ON "login_throttles"  ("locked_until") `,
    );
    await queryRunner.query(
      `CREATE TABLE "teams" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "description" character varying(1000) NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "teams_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "teams_name_lower_key" ON "teams" (lower("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "queues" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "slug" character varying(63) NOT NULL, "description" character varying(1000) NOT NULL DEFAULT '', "default_priority" character varying(10) NOT NULL DEFAULT 'normal', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "queues_default_priority_check" CHECK ("default_priority" IN ('low', 'normal', 'high', 'urgent')), CONSTRAINT "queues_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "queues_slug_key" ON "queues"  ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "queue_grants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "queue_id" uuid NOT NULL, "user_id" uuid, "team_id" uuid, "level" character varying(10) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "queue_grants_one_grantee_check" CHECK (num_nonnulls("user_id", "team_id") = 1), CONSTRAINT "queue_grants_level_check" CHECK ("level" IN ('view', 'reply', 'manage')), CONSTRAINT "queue_grants_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "queue_grants_user_id_idx" ON "queue_grants"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "queue_grants_team_id_idx" ON "queue_grants"  ("team_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "queue_grants_queue_team_key" ON "queue_grants"  ("queue_id", "team_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "queue_grants_queue_user_key" ON "queue_grants"  ("queue_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "team_members" ("team_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "team_members_pkey" PRIMARY KEY ("team_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "team_members_user_id_idx" ON "team_members"  ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD "locale" character varying(35) NOT NULL DEFAULT 'en'`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD "timezone" character varying(64) NOT NULL DEFAULT 'UTC'`,
    );
    await queryRunner.query(`ALTER TABLE "users" ADD "organization_id" uuid`);
    await queryRunner.query(`ALTER TABLE "users" ADD "last_login_at" TIMESTAMP WITH TIME ZONE`);
    // Added by hand: expression and partial indexes TypeORM cannot declare. The assignee picker
    // walks active staff by email; "q" searches match email or name prefixes.
    await queryRunner.query(
      `CREATE INDEX "users_staff_email_idx" ON "users" (lower("email")) WHERE "role" IN ('agent', 'admin') AND "active"`,
    );
    await queryRunner.query(
      `CREATE INDEX "users_email_lower_pattern_idx" ON "users" (lower("email") text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "users_name_lower_pattern_idx" ON "users" (lower("name") text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "queues_name_lower_id_idx" ON "queues" (lower("name"), "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "users_organization_id_idx" ON "users"  ("organization_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_domains" ADD CONSTRAINT "organization_domains_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "queue_grants" ADD CONSTRAINT "queue_grants_queue_id_fkey" FOREIGN KEY ("queue_id") REFERENCES "queues"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "queue_grants" ADD CONSTRAINT "queue_grants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "queue_grants" ADD CONSTRAINT "queue_grants_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "team_members" DROP CONSTRAINT "team_members_user_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_members" DROP CONSTRAINT "team_members_team_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "queue_grants" DROP CONSTRAINT "queue_grants_team_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "queue_grants" DROP CONSTRAINT "queue_grants_user_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "queue_grants" DROP CONSTRAINT "queue_grants_queue_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_user_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_organization_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "organization_domains" DROP CONSTRAINT "organization_domains_organization_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."queues_name_lower_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."users_name_lower_pattern_idx"`);
    await queryRunner.query(`DROP INDEX "public"."users_email_lower_pattern_idx"`);
    await queryRunner.query(`DROP INDEX "public"."users_staff_email_idx"`);
    await queryRunner.query(`DROP INDEX "public"."users_organization_id_idx"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "last_login_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "organization_id"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "timezone"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "locale"`);
    await queryRunner.query(`DROP INDEX "public"."team_members_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "team_members"`);
    await queryRunner.query(`DROP INDEX "public"."queue_grants_queue_user_key"`);
    await queryRunner.query(`DROP INDEX "public"."queue_grants_queue_team_key"`);
    await queryRunner.query(`DROP INDEX "public"."queue_grants_team_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."queue_grants_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "queue_grants"`);
    await queryRunner.query(`DROP INDEX "public"."queues_slug_key"`);
    await queryRunner.query(`DROP TABLE "queues"`);
    await queryRunner.query(`DROP INDEX "public"."teams_name_lower_key"`);
    await queryRunner.query(`DROP TABLE "teams"`);
    await queryRunner.query(`DROP INDEX "public"."login_throttles_locked_until_idx"`);
    await queryRunner.query(`DROP TABLE "login_throttles"`);
    await queryRunner.query(`DROP INDEX "public"."api_tokens_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."api_tokens_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "api_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."organizations_tier_idx"`);
    await queryRunner.query(`DROP INDEX "public"."organizations_name_lower_key"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
    await queryRunner.query(`DROP INDEX "public"."organization_domains_organization_id_idx"`);
    await queryRunner.query(`DROP TABLE "organization_domains"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_created_at_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_entity_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_actor_id_idx"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
