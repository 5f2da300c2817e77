-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailDelivery" TEXT NOT NULL DEFAULT 'IMMEDIATE',
ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'vi';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "params" TEXT NOT NULL DEFAULT '{}',
ALTER COLUMN "message" DROP NOT NULL;

-- CreateTable
CREATE TABLE "EmailSubscription" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL DEFAULT '',
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "confirmedAt" TIMESTAMP(3),
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundEmail" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "subscriptionId" TEXT,
    "kind" TEXT NOT NULL,
    "params" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMP(3),
    "claimToken" TEXT,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "digestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboundEmail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EmailSubscription_confirmedAt_requestedAt_idx" ON "EmailSubscription"("confirmedAt", "requestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EmailSubscription_email_documentId_sectionId_key" ON "EmailSubscription"("email", "documentId", "sectionId");

-- CreateIndex
CREATE INDEX "OutboundEmail_status_nextAttemptAt_idx" ON "OutboundEmail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboundEmail_userId_status_idx" ON "OutboundEmail"("userId", "status");

-- AddForeignKey
ALTER TABLE "EmailSubscription" ADD CONSTRAINT "EmailSubscription_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundEmail" ADD CONSTRAINT "OutboundEmail_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundEmail" ADD CONSTRAINT "OutboundEmail_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "EmailSubscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;

