import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Content-ID a mail gave a file: what the `cid:` images of its HTML point at. */
export class AttachmentContentId1795721100000 implements MigrationInterface {
  name = 'AttachmentContentId1795721100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attachments" ADD "content_id" character varying(255)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attachments" DROP COLUMN "content_id"`);
  }
}
