import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The recent tier of full-text search: the search document of every ticket updated lately, in a
 * table of its own with its own GIN index. Reading a GIN index costs in proportion to how many
 * documents hold the words, whatever else the query asks, so a common word costs as much in the
 * index of a million tickets as the million tickets' worth of postings. Most searches are answered
 * from the tickets of the last months; their index is a fraction of the size.
 *
 * Who may see the ticket is in the document too, as terms no text can produce (they hold a
 * space): `@queue <id>`, `@requester <id>`, `@organization <id>`. An agent's search then asks the
 * index for `words & (@queue a | @queue b)`, and the index, not the table, drops what the agent may
 * not see.
 *
 * A trigger keeps it current with every write to a ticket, so nothing in the application can forget
 * to; a job deletes the rows that grew old (TicketSearchTierService).
 */
export class RecentSearchTier1795721200000 implements MigrationInterface {
  name = 'RecentSearchTier1795721200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "ticket_search_recent" (
      "ticket_id" uuid PRIMARY KEY REFERENCES "tickets"("id") ON DELETE CASCADE,
      "updated_at" timestamp(3) with time zone NOT NULL,
      "search_vector" tsvector NOT NULL)`);
    await queryRunner.query(
      `CREATE INDEX "ticket_search_recent_search_idx" ON "ticket_search_recent" USING gin ("search_vector")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_search_recent_updated_idx" ON "ticket_search_recent" ("updated_at", "ticket_id")`,
    );
    // Casts to text keep it immutable, so that the planner inlines it into the statements below.
    await queryRunner.query(`CREATE FUNCTION "ticket_search_recent_document"(
        document tsvector, queue_id uuid, requester_id uuid, organization_id uuid)
      RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT document || array_to_tsvector(array_remove(ARRAY[
          '@queue ' || queue_id::text,
          '@requester ' || requester_id::text,
          '@organization ' || organization_id::text
        ], NULL))
      $$`);
    // Row by row, on the path of every ticket written: a plain insert for a new ticket, and an
    // update for a known one that falls back to an insert when the ticket had left the tier.
    await queryRunner.query(`CREATE FUNCTION "ticket_search_recent_insert"() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ticket_search_recent (ticket_id, updated_at, search_vector)
        VALUES (NEW.id, NEW.updated_at, ticket_search_recent_document(
                  NEW.search_vector, NEW.queue_id, NEW.requester_id, NEW.organization_id));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION "ticket_search_recent_update"() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE ticket_search_recent
           SET updated_at = NEW.updated_at,
               search_vector = ticket_search_recent_document(
                 NEW.search_vector, NEW.queue_id, NEW.requester_id, NEW.organization_id)
         WHERE ticket_id = NEW.id;
        IF NOT FOUND THEN
          INSERT INTO ticket_search_recent (ticket_id, updated_at, search_vector)
          VALUES (NEW.id, NEW.updated_at, ticket_search_recent_document(
                    NEW.search_vector, NEW.queue_id, NEW.requester_id, NEW.organization_id))
          ON CONFLICT (ticket_id) DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "tickets_search_recent_insert"
      AFTER INSERT ON "tickets" FOR EACH ROW EXECUTE FUNCTION "ticket_search_recent_insert"()`);
    // The cheap comparisons first: nearly every write changes updated_at, and the search document
    // (large, perhaps stored out of line) is then never compared.
    await queryRunner.query(`CREATE TRIGGER "tickets_search_recent_update"
      AFTER UPDATE OF "updated_at", "queue_id", "requester_id", "organization_id", "search_vector"
      ON "tickets" FOR EACH ROW
      WHEN (OLD.updated_at IS DISTINCT FROM NEW.updated_at
            OR OLD.queue_id IS DISTINCT FROM NEW.queue_id
            OR OLD.requester_id IS DISTINCT FROM NEW.requester_id
            OR OLD.organization_id IS DISTINCT FROM NEW.organization_id
            OR OLD.search_vector IS DISTINCT FROM NEW.search_vector)
      EXECUTE FUNCTION "ticket_search_recent_update"()`);
    await queryRunner.query(`INSERT INTO "ticket_search_recent" (ticket_id, updated_at, search_vector)
      SELECT id, updated_at,
             ticket_search_recent_document(search_vector, queue_id, requester_id, organization_id)
        FROM "tickets" WHERE updated_at >= now() - interval '91 days'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tickets_search_recent_update" ON "tickets"`);
    await queryRunner.query(`DROP TRIGGER "tickets_search_recent_insert" ON "tickets"`);
    await queryRunner.query(`DROP FUNCTION "ticket_search_recent_update"()`);
    await queryRunner.query(`DROP FUNCTION "ticket_search_recent_insert"()`);
    await queryRunner.query(
      `DROP FUNCTION "ticket_search_recent_document"(tsvector, uuid, uuid, uuid)`,
    );
    await queryRunner.query(`DROP TABLE "ticket_search_recent"`);
  }
}
