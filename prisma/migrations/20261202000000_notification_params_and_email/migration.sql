-- CreateTable
CREATE TABLE "EmailSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL DEFAULT '',
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "confirmedAt" DATETIME,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EmailSubscription_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboundEmail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT,
    "subscriptionId" TEXT,
    "kind" TEXT NOT NULL,
    "params" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" DATETIME,
    "claimToken" TEXT,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "digestId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboundEmail_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "OutboundEmail_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "EmailSubscription" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- AlterTable
-- Prisma's diff rebuilds "User" (copy, drop, rename) to add columns; dropping it would set
-- "Version"."publishedById" to NULL, which the append-only trigger refuses (and must). SQLite adds
-- a NOT NULL column with a constant default in place, so these two lines do the same safely.
ALTER TABLE "User" ADD COLUMN "locale" TEXT NOT NULL DEFAULT 'vi';
ALTER TABLE "User" ADD COLUMN "emailDelivery" TEXT NOT NULL DEFAULT 'IMMEDIATE';

-- RedefineTables
-- "Notification" may be rebuilt: nothing references it. Existing rows keep their text in
-- "message" (shown as written); new rows carry a kind and "params" and leave it NULL.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "params" TEXT NOT NULL DEFAULT '{}',
    "message" TEXT,
    "proposalId" TEXT,
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Notification_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Notification" ("createdAt", "id", "kind", "message", "proposalId", "readAt", "userId") SELECT "createdAt", "id", "kind", "message", "proposalId", "readAt", "userId" FROM "Notification";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "EmailSubscription_confirmedAt_requestedAt_idx" ON "EmailSubscription"("confirmedAt", "requestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EmailSubscription_email_documentId_sectionId_key" ON "EmailSubscription"("email", "documentId", "sectionId");

-- CreateIndex
CREATE INDEX "OutboundEmail_status_nextAttemptAt_idx" ON "OutboundEmail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboundEmail_userId_status_idx" ON "OutboundEmail"("userId", "status");

