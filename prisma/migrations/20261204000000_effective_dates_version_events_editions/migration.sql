-- CreateTable
CREATE TABLE "VersionEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "versionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "VersionEvent_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Edition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Edition_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Edition_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Version" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "hash" TEXT NOT NULL,
    "prevHash" TEXT,
    "summary" TEXT NOT NULL DEFAULT '',
    "stats" TEXT NOT NULL DEFAULT '{}',
    "publishedById" TEXT,
    "proposalId" TEXT,
    "effectiveFrom" TEXT NOT NULL,
    CONSTRAINT "Version_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Version_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Version_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Versions published before effective dates existed took effect when they were published: their
-- effective day is the publication day in Vietnam (UTC+7, no daylight saving). The backfill is
-- part of copying the rows into the new table, so no version row is ever updated.
INSERT INTO "new_Version" ("documentId", "hash", "id", "number", "prevHash", "proposalId", "publishedAt", "publishedById", "stats", "summary", "effectiveFrom") SELECT "documentId", "hash", "id", "number", "prevHash", "proposalId", "publishedAt", "publishedById", "stats", "summary",
    CASE WHEN typeof("publishedAt") = 'integer' THEN strftime('%Y-%m-%d', "publishedAt" / 1000, 'unixepoch', '+7 hours')
         ELSE strftime('%Y-%m-%d', "publishedAt", '+7 hours') END
    FROM "Version";
DROP TABLE "Version";
ALTER TABLE "new_Version" RENAME TO "Version";
CREATE UNIQUE INDEX "Version_proposalId_key" ON "Version"("proposalId");
CREATE UNIQUE INDEX "Version_documentId_number_key" ON "Version"("documentId", "number");
-- Dropping the old table dropped its append-only triggers: the new one gets them again.
CREATE TRIGGER "Version_no_update" BEFORE UPDATE ON "Version"
BEGIN SELECT RAISE(ABORT, 'append-only: Version rows cannot be updated'); END;
CREATE TRIGGER "Version_no_delete" BEFORE DELETE ON "Version"
BEGIN SELECT RAISE(ABORT, 'append-only: Version rows cannot be deleted'); END;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "VersionEvent_versionId_idx" ON "VersionEvent"("versionId");

-- CreateIndex
CREATE INDEX "Edition_versionId_idx" ON "Edition"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "Edition_documentId_slug_key" ON "Edition"("documentId", "slug");


-- Version events and editions are append-only, like the versions they are about.
CREATE TRIGGER "VersionEvent_no_update" BEFORE UPDATE ON "VersionEvent"
BEGIN SELECT RAISE(ABORT, 'append-only: VersionEvent rows cannot be updated'); END;
CREATE TRIGGER "VersionEvent_no_delete" BEFORE DELETE ON "VersionEvent"
BEGIN SELECT RAISE(ABORT, 'append-only: VersionEvent rows cannot be deleted'); END;
CREATE TRIGGER "Edition_no_update" BEFORE UPDATE ON "Edition"
BEGIN SELECT RAISE(ABORT, 'append-only: Edition rows cannot be updated'); END;
CREATE TRIGGER "Edition_no_delete" BEFORE DELETE ON "Edition"
BEGIN SELECT RAISE(ABORT, 'append-only: Edition rows cannot be deleted'); END;
