-- AlterTable
-- Versions published before effective dates existed took effect when they were published: their
-- effective day is the publication day in Vietnam. Version rows are append-only, so the trigger
-- that refuses updates is switched off for this backfill alone, inside the migration's
-- transaction, and on again before it commits.
ALTER TABLE "Version" ADD COLUMN     "effectiveFrom" TEXT;
ALTER TABLE "Version" DISABLE TRIGGER "Version_append_only";
UPDATE "Version" SET "effectiveFrom" = to_char(("publishedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD');
ALTER TABLE "Version" ENABLE TRIGGER "Version_append_only";
ALTER TABLE "Version" ALTER COLUMN "effectiveFrom" SET NOT NULL;

-- CreateTable
CREATE TABLE "VersionEvent" (
    "id" SERIAL NOT NULL,
    "versionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VersionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Edition" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Edition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VersionEvent_versionId_idx" ON "VersionEvent"("versionId");

-- CreateIndex
CREATE INDEX "Edition_versionId_idx" ON "Edition"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "Edition_documentId_slug_key" ON "Edition"("documentId", "slug");

-- AddForeignKey
ALTER TABLE "VersionEvent" ADD CONSTRAINT "VersionEvent_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Edition" ADD CONSTRAINT "Edition_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Edition" ADD CONSTRAINT "Edition_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Version events and editions are append-only, like the versions they are about.
CREATE TRIGGER "VersionEvent_append_only" BEFORE UPDATE OR DELETE ON "VersionEvent"
  FOR EACH ROW EXECUTE FUNCTION "handbook_reject_change"();
CREATE TRIGGER "VersionEvent_no_truncate" BEFORE TRUNCATE ON "VersionEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "handbook_reject_change"();
CREATE TRIGGER "Edition_append_only" BEFORE UPDATE OR DELETE ON "Edition"
  FOR EACH ROW EXECUTE FUNCTION "handbook_reject_change"();
CREATE TRIGGER "Edition_no_truncate" BEFORE TRUNCATE ON "Edition"
  FOR EACH STATEMENT EXECUTE FUNCTION "handbook_reject_change"();
