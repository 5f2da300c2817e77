-- CreateTable
CREATE TABLE "LogEntry" (
    "index" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "versionId" TEXT NOT NULL,
    "statement" BLOB NOT NULL,
    "statementHash" TEXT NOT NULL,
    "leafHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LogEntry_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LogCheckpoint" (
    "size" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rootHash" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "LogCosignature" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "size" INTEGER NOT NULL,
    "witness" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LogCosignature_size_fkey" FOREIGN KEY ("size") REFERENCES "LogCheckpoint" ("size") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "LogEntry_versionId_key" ON "LogEntry"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "LogEntry_statementHash_key" ON "LogEntry"("statementHash");

-- CreateIndex
CREATE UNIQUE INDEX "LogCosignature_size_witness_key" ON "LogCosignature"("size", "witness");


-- The transparency log is append-only like the versions it records: a leaf, a signed checkpoint
-- or a witness's cosignature, once written, is never changed or removed.
CREATE TRIGGER "LogEntry_no_update" BEFORE UPDATE ON "LogEntry"
BEGIN SELECT RAISE(ABORT, 'append-only: LogEntry rows cannot be updated'); END;
CREATE TRIGGER "LogEntry_no_delete" BEFORE DELETE ON "LogEntry"
BEGIN SELECT RAISE(ABORT, 'append-only: LogEntry rows cannot be deleted'); END;
CREATE TRIGGER "LogCheckpoint_no_update" BEFORE UPDATE ON "LogCheckpoint"
BEGIN SELECT RAISE(ABORT, 'append-only: LogCheckpoint rows cannot be updated'); END;
CREATE TRIGGER "LogCheckpoint_no_delete" BEFORE DELETE ON "LogCheckpoint"
BEGIN SELECT RAISE(ABORT, 'append-only: LogCheckpoint rows cannot be deleted'); END;
CREATE TRIGGER "LogCosignature_no_update" BEFORE UPDATE ON "LogCosignature"
BEGIN SELECT RAISE(ABORT, 'append-only: LogCosignature rows cannot be updated'); END;
CREATE TRIGGER "LogCosignature_no_delete" BEFORE DELETE ON "LogCosignature"
BEGIN SELECT RAISE(ABORT, 'append-only: LogCosignature rows cannot be deleted'); END;
