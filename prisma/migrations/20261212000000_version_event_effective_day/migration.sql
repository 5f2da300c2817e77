-- A version event (a withdrawal) takes effect on a day, today or later (lib/domain/effective-dates.ts).
-- Added in place rather than by copying the table, so the append-only triggers stay as they are.
-- Rows written before this column existed get '' and are read as taking effect on the day they were
-- recorded (lib/db/documents.ts); the product always writes the day.
ALTER TABLE "VersionEvent" ADD COLUMN "effectiveOn" TEXT NOT NULL DEFAULT '';

-- A version is withdrawn once: of two concurrent withdrawals exactly one is recorded.
CREATE UNIQUE INDEX "VersionEvent_versionId_kind_key" ON "VersionEvent"("versionId", "kind");
