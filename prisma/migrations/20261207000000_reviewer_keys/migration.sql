-- CreateTable
CREATE TABLE "ReviewerKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReviewerKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewerKeyRevocation" (
    "keyId" TEXT NOT NULL PRIMARY KEY,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReviewerKeyRevocation_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ReviewerKey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "contentHash" TEXT NOT NULL,
    "baseVersionId" TEXT,
    "signature" TEXT,
    "keyId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Review_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Review_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Review_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ReviewerKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Review" ("comment", "contentHash", "createdAt", "decision", "id", "proposalId", "reviewerId") SELECT "comment", "contentHash", "createdAt", "decision", "id", "proposalId", "reviewerId" FROM "Review";
DROP TABLE "Review";
ALTER TABLE "new_Review" RENAME TO "Review";
CREATE INDEX "Review_proposalId_idx" ON "Review"("proposalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ReviewerKey_publicKey_key" ON "ReviewerKey"("publicKey");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewerKey_fingerprint_key" ON "ReviewerKey"("fingerprint");

-- CreateIndex
CREATE INDEX "ReviewerKey_userId_idx" ON "ReviewerKey"("userId");


-- Reviewer keys and their revocations are append-only: a key once published stays published
-- with its history, and reviews (what was approved, with which signature) are never rewritten.
-- Reviews given before this migration keep a null signature: they are unsigned legacy reviews.
CREATE TRIGGER "ReviewerKey_no_update" BEFORE UPDATE ON "ReviewerKey"
BEGIN SELECT RAISE(ABORT, 'append-only: ReviewerKey rows cannot be updated'); END;
CREATE TRIGGER "ReviewerKey_no_delete" BEFORE DELETE ON "ReviewerKey"
BEGIN SELECT RAISE(ABORT, 'append-only: ReviewerKey rows cannot be deleted'); END;
CREATE TRIGGER "ReviewerKeyRevocation_no_update" BEFORE UPDATE ON "ReviewerKeyRevocation"
BEGIN SELECT RAISE(ABORT, 'append-only: ReviewerKeyRevocation rows cannot be updated'); END;
CREATE TRIGGER "ReviewerKeyRevocation_no_delete" BEFORE DELETE ON "ReviewerKeyRevocation"
BEGIN SELECT RAISE(ABORT, 'append-only: ReviewerKeyRevocation rows cannot be deleted'); END;
CREATE TRIGGER "Review_no_update" BEFORE UPDATE ON "Review"
BEGIN SELECT RAISE(ABORT, 'append-only: Review rows cannot be updated'); END;
CREATE TRIGGER "Review_no_delete" BEFORE DELETE ON "Review"
BEGIN SELECT RAISE(ABORT, 'append-only: Review rows cannot be deleted'); END;
