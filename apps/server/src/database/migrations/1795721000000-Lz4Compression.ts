import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored mail and attachment bytes are compressed with LZ4 instead of PostgreSQL's default
 * pglz: several times cheaper for the database's CPU when intake stores each raw mail, at a
 * slightly lower ratio. A PostgreSQL built without LZ4 (the embedded database is one) keeps pglz.
 */
export class Lz4Compression1795721000000 implements MigrationInterface {
  name = 'Lz4Compression1795721000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await setCompression(queryRunner, 'lz4');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await setCompression(queryRunner, 'default');
  }
}

/** Values already stored keep their compression; new ones get `method`. */
async function setCompression(queryRunner: QueryRunner, method: 'lz4' | 'default') {
  await queryRunner.query(`DO $$
    BEGIN
      ALTER TABLE "inbound_mails" ALTER COLUMN "raw" SET COMPRESSION ${method};
      ALTER TABLE "attachment_blobs" ALTER COLUMN "data" SET COMPRESSION ${method};
    EXCEPTION WHEN feature_not_supported THEN
      NULL;
    END $$`);
}
