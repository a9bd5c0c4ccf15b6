import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Attachments1795720000000 implements MigrationInterface {
  name = 'Attachments1795720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attachment_blobs" ("sha256" text NOT NULL, "size" bigint NOT NULL, "data" bytea NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "attachment_blobs_sha256_check" CHECK ("sha256" ~ '^[0-9a-f]{64}$'), CONSTRAINT "attachment_blobs_pkey" PRIMARY KEY ("sha256"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sha256" text NOT NULL, "filename" character varying(255) NOT NULL, "content_type" character varying(255) NOT NULL, "size" bigint NOT NULL, "message_id" uuid, "uploaded_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "attachments_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "attachments_sha256_idx" ON "attachments"  ("sha256") `);
    await queryRunner.query(
      `CREATE INDEX "attachments_uploaded_by_idx" ON "attachments"  ("uploaded_by") `,
    );
    await queryRunner.query(
      `CREATE INDEX "attachments_message_created_idx" ON "attachments"  ("message_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "attachments" ADD CONSTRAINT "attachments_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "attachment_blobs"("sha256") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attachments" ADD CONSTRAINT "attachments_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "ticket_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_fkey" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "attachments" DROP CONSTRAINT "attachments_uploaded_by_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "attachments" DROP CONSTRAINT "attachments_message_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "attachments_sha256_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."attachments_message_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."attachments_uploaded_by_idx"`);
    await queryRunner.query(`DROP INDEX "public"."attachments_sha256_idx"`);
    await queryRunner.query(`DROP TABLE "attachments"`);
    await queryRunner.query(`DROP TABLE "attachment_blobs"`);
  }
}
