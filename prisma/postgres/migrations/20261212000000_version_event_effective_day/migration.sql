-- A version event (a withdrawal) takes effect on a day, today or later (lib/domain/effective-dates.ts).
-- Rows written before this column existed get '' (the append-only trigger forbids updating them) and
-- are read as taking effect on the day they were recorded (lib/db/documents.ts).
ALTER TABLE "VersionEvent" ADD COLUMN "effectiveOn" TEXT NOT NULL DEFAULT '';
ALTER TABLE "VersionEvent" ALTER COLUMN "effectiveOn" DROP DEFAULT;

-- A version is withdrawn once: of two concurrent withdrawals exactly one is recorded.
CREATE UNIQUE INDEX "VersionEvent_versionId_kind_key" ON "VersionEvent"("versionId", "kind");
