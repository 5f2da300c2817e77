import type Database from "better-sqlite3";
import type pg from "pg";
import { planBlockStorage, type WholeRevision } from "../domain/content-blocks";

/**
 * The data step of migration 20261218000000_content_addressed_blocks: every section revision
 * stored whole is kept by block from then on (lib/domain/content-blocks.ts planBlockStorage),
 * its text unchanged byte for byte. Runs inside the migration's transaction, between the SQL
 * that lifts the revisions' update guard and the SQL that puts it back.
 */

const SELECT_WHOLE_REVISIONS = `SELECT "id", "sectionId", "content" FROM "SectionRevision" WHERE "blocks" IS NULL ORDER BY "sectionId", "createdAt", "id"`;

export function convertRevisionsToBlocksSqlite(db: Database.Database): void {
  const revisions = db.prepare(SELECT_WHOLE_REVISIONS).all() as WholeRevision[];
  const { last } = db.prepare(`SELECT COALESCE(MAX("id"), 0) AS last FROM "Block"`).get() as { last: number };
  const plan = planBlockStorage(revisions, last + 1);
  const insert = db.prepare(`INSERT INTO "Block" ("id", "hash", "data", "baseId") VALUES (?, ?, ?, ?)`);
  for (const block of plan.blocks) insert.run(block.id, Buffer.from(block.hash), Buffer.from(block.data), block.baseId);
  const update = db.prepare(`UPDATE "SectionRevision" SET "content" = '', "blocks" = ? WHERE "id" = ?`);
  for (const revision of plan.revisions) update.run(revision.blocks, revision.id);
}

export async function convertRevisionsToBlocksPostgres(client: pg.Client): Promise<void> {
  const { rows: revisions } = await client.query<WholeRevision>(SELECT_WHOLE_REVISIONS);
  const { rows } = await client.query<{ last: number }>(`SELECT COALESCE(MAX("id"), 0)::int AS last FROM "Block"`);
  const plan = planBlockStorage(revisions, rows[0].last + 1);
  for (const block of plan.blocks) {
    await client.query(`INSERT INTO "Block" ("id", "hash", "data", "baseId") VALUES ($1, $2, $3, $4)`, [block.id, Buffer.from(block.hash), Buffer.from(block.data), block.baseId]);
  }
  // The ids were given explicitly: the sequence continues after them.
  await client.query(`SELECT setval(pg_get_serial_sequence('"Block"', 'id'), GREATEST((SELECT COALESCE(MAX("id"), 0) FROM "Block"), 1), (SELECT COUNT(*) > 0 FROM "Block"))`);
  for (const revision of plan.revisions) {
    await client.query(`UPDATE "SectionRevision" SET "content" = '', "blocks" = $1 WHERE "id" = $2`, [revision.blocks, revision.id]);
  }
}
