-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "consultationHideAfterReports" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "consultationMinDays" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "consultationModeration" TEXT NOT NULL DEFAULT 'PRE';

-- AlterTable
ALTER TABLE "OutboundEmail" ADD COLUMN     "registrationId" TEXT;

-- CreateTable
CREATE TABLE "Consultation" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "openedById" TEXT NOT NULL,
    "moderation" TEXT NOT NULL,
    "hideAfterReports" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationComment" (
    "id" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "anchor" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "hiddenReason" TEXT,
    "moderatedById" TEXT,
    "moderatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsultationComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationAnswer" (
    "commentId" TEXT NOT NULL,
    "disposition" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "answeredById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsultationAnswer_pkey" PRIMARY KEY ("commentId")
);

-- CreateTable
CREATE TABLE "ConsultationReport" (
    "commentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsultationReport_pkey" PRIMARY KEY ("commentId","userId")
);

-- CreateTable
CREATE TABLE "ReaderRegistration" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReaderRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Consultation_proposalId_key" ON "Consultation"("proposalId");

-- CreateIndex
CREATE INDEX "ConsultationComment_consultationId_createdAt_idx" ON "ConsultationComment"("consultationId", "createdAt");

-- CreateIndex
CREATE INDEX "ConsultationComment_authorId_idx" ON "ConsultationComment"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "ReaderRegistration_email_key" ON "ReaderRegistration"("email");

-- AddForeignKey
ALTER TABLE "OutboundEmail" ADD CONSTRAINT "OutboundEmail_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "ReaderRegistration"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationComment" ADD CONSTRAINT "ConsultationComment_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationComment" ADD CONSTRAINT "ConsultationComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationAnswer" ADD CONSTRAINT "ConsultationAnswer_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "ConsultationComment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationReport" ADD CONSTRAINT "ConsultationReport_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "ConsultationComment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

