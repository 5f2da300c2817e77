-- Block-level content addressing of section revisions (lib/domain/content-blocks.ts): a
-- revision's text becomes an ordered list of blocks, each stored once. Existing revisions are
-- converted by the data step that lib/db/migrate.ts runs at the marker below, in this
-- migration's transaction; their texts (and so every hash and statement) stay byte for byte.

-- AlterTable
ALTER TABLE "SectionRevision" ADD COLUMN "blocks" TEXT;

-- CreateTable
CREATE TABLE "Block" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hash" BLOB NOT NULL,
    "data" BLOB NOT NULL,
    "baseId" INTEGER
);

-- CreateIndex
CREATE UNIQUE INDEX "Block_hash_key" ON "Block"("hash");

-- The conversion rewrites existing revisions once: their update guard is lifted for it only.
DROP TRIGGER "SectionRevision_no_update";

-- handbook:data-step content-addressed-blocks

CREATE TRIGGER "SectionRevision_no_update" BEFORE UPDATE ON "SectionRevision"
BEGIN SELECT RAISE(ABORT, 'append-only: SectionRevision rows cannot be updated'); END;

-- Blocks are shared by every revision that uses them: never changed, never removed.
CREATE TRIGGER "Block_no_update" BEFORE UPDATE ON "Block"
BEGIN SELECT RAISE(ABORT, 'append-only: Block rows cannot be updated'); END;
CREATE TRIGGER "Block_no_delete" BEFORE DELETE ON "Block"
BEGIN SELECT RAISE(ABORT, 'append-only: Block rows cannot be deleted'); END;
