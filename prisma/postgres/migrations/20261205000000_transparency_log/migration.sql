
-- CreateTable
CREATE TABLE "LogEntry" (
    "index" INTEGER NOT NULL,
    "versionId" TEXT NOT NULL,
    "statement" BYTEA NOT NULL,
    "statementHash" TEXT NOT NULL,
    "leafHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LogEntry_pkey" PRIMARY KEY ("index")
);

-- CreateTable
CREATE TABLE "LogCheckpoint" (
    "size" INTEGER NOT NULL,
    "rootHash" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LogCheckpoint_pkey" PRIMARY KEY ("size")
);

-- CreateTable
CREATE TABLE "LogCosignature" (
    "id" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "witness" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LogCosignature_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LogEntry_versionId_key" ON "LogEntry"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "LogEntry_statementHash_key" ON "LogEntry"("statementHash");

-- CreateIndex
CREATE UNIQUE INDEX "LogCosignature_size_witness_key" ON "LogCosignature"("size", "witness");

-- AddForeignKey
ALTER TABLE "LogEntry" ADD CONSTRAINT "LogEntry_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LogCosignature" ADD CONSTRAINT "LogCosignature_size_fkey" FOREIGN KEY ("size") REFERENCES "LogCheckpoint"("size") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The transparency log is append-only like the versions it records (handbook_reject_change
-- comes from the first migration).
CREATE TRIGGER "LogEntry_append_only" BEFORE UPDATE OR DELETE ON "LogEntry"
  FOR EACH ROW EXECUTE FUNCTION "handbook_reject_change"();
CREATE TRIGGER "LogEntry_no_truncate" BEFORE TRUNCATE ON "LogEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION "handbook_reject_change"();
CREATE TRIGGER "LogCheckpoint_append_only" BEFORE UPDATE OR DELETE ON "LogCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION "handbook_reject_change"();
CREATE TRIGGER "LogCheckpoint_no_truncate" BEFORE TRUNCATE ON "LogCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION "handbook_reject_change"();
CREATE TRIGGER "LogCosignature_append_only" BEFORE UPDATE OR DELETE ON "LogCosignature"
  FOR EACH ROW EXECUTE FUNCTION "handbook_reject_change"();
CREATE TRIGGER "LogCosignature_no_truncate" BEFORE TRUNCATE ON "LogCosignature"
  FOR EACH STATEMENT EXECUTE FUNCTION "handbook_reject_change"();
