-- Block-level content addressing of section revisions (lib/domain/content-blocks.ts): a
-- revision's text becomes an ordered list of blocks, each stored once. Existing revisions are
-- converted by the data step that lib/db/migrate.ts runs at the marker below, in this
-- migration's transaction; their texts (and so every hash and statement) stay byte for byte.

-- AlterTable
ALTER TABLE "SectionRevision" ADD COLUMN     "blocks" TEXT;

-- CreateTable
CREATE TABLE "Block" (
    "id" SERIAL NOT NULL,
    "hash" BYTEA NOT NULL,
    "data" BYTEA NOT NULL,
    "baseId" INTEGER,

    CONSTRAINT "Block_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Block_hash_key" ON "Block"("hash");

-- The conversion rewrites existing revisions once: their guard is lifted for it only.
ALTER TABLE "SectionRevision" DISABLE TRIGGER "SectionRevision_append_only";

-- handbook:data-step content-addressed-blocks

ALTER TABLE "SectionRevision" ENABLE TRIGGER "SectionRevision_append_only";

-- Blocks are shared by every revision that uses them: never changed, never removed.
CREATE TRIGGER "Block_append_only" BEFORE UPDATE OR DELETE ON "Block"
  FOR EACH ROW EXECUTE FUNCTION "handbook_reject_change"();
CREATE TRIGGER "Block_no_truncate" BEFORE TRUNCATE ON "Block"
  FOR EACH STATEMENT EXECUTE FUNCTION "handbook_reject_change"();
