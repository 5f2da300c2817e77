-- Section outlines (lib/domain/section-placements.ts): a version published from now on says
-- where its sections are with a shared, content-addressed outline (order and titles) and one
-- revision key per section in its own row, instead of one VersionSection row per section.
-- Existing versions keep their VersionSection rows and read as before; nothing is rewritten,
-- so every hash and statement stays as it is.

-- AlterTable
ALTER TABLE "Version" ADD COLUMN     "outlineId" INTEGER,
ADD COLUMN     "revisionKeys" TEXT;

-- CreateTable
CREATE TABLE "SectionOutline" (
    "id" SERIAL NOT NULL,
    "hash" BYTEA NOT NULL,
    "entries" TEXT NOT NULL,

    CONSTRAINT "SectionOutline_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SectionOutline_hash_key" ON "SectionOutline"("hash");

-- Outlines are shared by every version that uses them: never changed, never removed.
CREATE TRIGGER "SectionOutline_append_only" BEFORE UPDATE OR DELETE ON "SectionOutline"
  FOR EACH ROW EXECUTE FUNCTION "handbook_reject_change"();
CREATE TRIGGER "SectionOutline_no_truncate" BEFORE TRUNCATE ON "SectionOutline"
  FOR EACH STATEMENT EXECUTE FUNCTION "handbook_reject_change"();
