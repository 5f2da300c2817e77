-- Section outlines (lib/domain/section-placements.ts): a version published from now on says
-- where its sections are with a shared, content-addressed outline (order and titles) and one
-- revision key per section in its own row, instead of one VersionSection row per section.
-- Existing versions keep their VersionSection rows and read as before; nothing is rewritten,
-- so every hash and statement stays as it is.

-- AlterTable
ALTER TABLE "Version" ADD COLUMN "outlineId" INTEGER;
ALTER TABLE "Version" ADD COLUMN "revisionKeys" TEXT;

-- CreateTable
CREATE TABLE "SectionOutline" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hash" BLOB NOT NULL,
    "entries" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "SectionOutline_hash_key" ON "SectionOutline"("hash");

-- Outlines are shared by every version that uses them: never changed, never removed.
CREATE TRIGGER "SectionOutline_no_update" BEFORE UPDATE ON "SectionOutline"
BEGIN SELECT RAISE(ABORT, 'append-only: SectionOutline rows cannot be updated'); END;
CREATE TRIGGER "SectionOutline_no_delete" BEFORE DELETE ON "SectionOutline"
BEGIN SELECT RAISE(ABORT, 'append-only: SectionOutline rows cannot be deleted'); END;
