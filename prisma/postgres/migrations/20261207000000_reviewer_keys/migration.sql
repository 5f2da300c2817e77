-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "baseVersionId" TEXT,
ADD COLUMN     "keyId" TEXT,
ADD COLUMN     "signature" TEXT;

-- CreateTable
CREATE TABLE "ReviewerKey" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewerKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewerKeyRevocation" (
    "keyId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewerKeyRevocation_pkey" PRIMARY KEY ("keyId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReviewerKey_publicKey_key" ON "ReviewerKey"("publicKey");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewerKey_fingerprint_key" ON "ReviewerKey"("fingerprint");

-- CreateIndex
CREATE INDEX "ReviewerKey_userId_idx" ON "ReviewerKey"("userId");

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ReviewerKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerKey" ADD CONSTRAINT "ReviewerKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerKeyRevocation" ADD CONSTRAINT "ReviewerKeyRevocation_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ReviewerKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Reviewer keys and their revocations are append-only: a key once published stays published
-- with its history, and reviews (what was approved, with which signature) are never rewritten.
-- Reviews given before this migration keep a null signature: they are unsigned legacy reviews.
CREATE TRIGGER "ReviewerKey_append_only" BEFORE UPDATE OR DELETE ON "ReviewerKey"
  FOR EACH ROW EXECUTE FUNCTION "handbook_reject_change"();
CREATE TRIGGER "ReviewerKey_no_truncate" BEFORE TRUNCATE ON "ReviewerKey"
  FOR EACH STATEMENT EXECUTE FUNCTION "handbook_reject_change"();
CREATE TRIGGER "ReviewerKeyRevocation_append_only" BEFORE UPDATE OR DELETE ON "ReviewerKeyRevocation"
  FOR EACH ROW EXECUTE FUNCTION "handbook_reject_change"();
CREATE TRIGGER "ReviewerKeyRevocation_no_truncate" BEFORE TRUNCATE ON "ReviewerKeyRevocation"
  FOR EACH STATEMENT EXECUTE FUNCTION "handbook_reject_change"();
CREATE TRIGGER "Review_append_only" BEFORE UPDATE OR DELETE ON "Review"
  FOR EACH ROW EXECUTE FUNCTION "handbook_reject_change"();
CREATE TRIGGER "Review_no_truncate" BEFORE TRUNCATE ON "Review"
  FOR EACH STATEMENT EXECUTE FUNCTION "handbook_reject_change"();
