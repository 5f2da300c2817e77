-- Closed sets of strings become enum types (prisma/schema.prisma). Each column is converted in
-- place (USING the text as the enum's value), so every row keeps its value; a value outside its
-- set stops the migration with PostgreSQL's own error instead of being lost.

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('READER', 'CONTRIBUTOR', 'REVIEWER', 'ADMIN');

-- CreateEnum
CREATE TYPE "EmailDelivery" AS ENUM ('IMMEDIATE', 'DAILY', 'NONE');

-- CreateEnum
CREATE TYPE "ModerationMode" AS ENUM ('PRE', 'POST');

-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'PUBLISHED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ProposalKind" AS ENUM ('EDIT', 'RESTORE', 'IMPORT');

-- CreateEnum
CREATE TYPE "AuthorRole" AS ENUM ('AUTHOR', 'COAUTHOR');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('APPROVE', 'REQUEST_CHANGES', 'REJECT');

-- CreateEnum
CREATE TYPE "KeyRetirement" AS ENUM ('ROTATED', 'REVOKED');

-- CreateEnum
CREATE TYPE "OutboundEmailStatus" AS ENUM ('HELD', 'PENDING', 'SENDING', 'SENT', 'FAILED', 'BATCHED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'SENDING', 'DELIVERED', 'FAILED');

-- CreateEnum
CREATE TYPE "ConsultationCommentStatus" AS ENUM ('PENDING', 'PUBLISHED', 'HIDDEN');

-- CreateEnum
CREATE TYPE "AnswerDisposition" AS ENUM ('ACCEPTED', 'PARTLY_ACCEPTED', 'NOT_ACCEPTED', 'EXPLAINED');

-- CreateEnum
CREATE TYPE "SuggestionStatus" AS ENUM ('PENDING', 'ACCEPTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "SuggestionMark" AS ENUM ('bold', 'italic');

-- CreateEnum
CREATE TYPE "FormatAction" AS ENUM ('add', 'remove');

-- AlterTable
ALTER TABLE "User"
  ALTER COLUMN "role" DROP DEFAULT,
  ALTER COLUMN "role" TYPE "Role" USING ("role"::"Role"),
  ALTER COLUMN "role" SET DEFAULT 'READER';

-- AlterTable
ALTER TABLE "User"
  ALTER COLUMN "emailDelivery" DROP DEFAULT,
  ALTER COLUMN "emailDelivery" TYPE "EmailDelivery" USING ("emailDelivery"::"EmailDelivery"),
  ALTER COLUMN "emailDelivery" SET DEFAULT 'IMMEDIATE';

-- AlterTable
ALTER TABLE "Document"
  ALTER COLUMN "consultationModeration" DROP DEFAULT,
  ALTER COLUMN "consultationModeration" TYPE "ModerationMode" USING ("consultationModeration"::"ModerationMode"),
  ALTER COLUMN "consultationModeration" SET DEFAULT 'PRE';

-- AlterTable
ALTER TABLE "Proposal"
  ALTER COLUMN "status" DROP DEFAULT,
  ALTER COLUMN "status" TYPE "ProposalStatus" USING ("status"::"ProposalStatus"),
  ALTER COLUMN "status" SET DEFAULT 'DRAFT';

-- AlterTable
ALTER TABLE "Proposal"
  ALTER COLUMN "kind" DROP DEFAULT,
  ALTER COLUMN "kind" TYPE "ProposalKind" USING ("kind"::"ProposalKind"),
  ALTER COLUMN "kind" SET DEFAULT 'EDIT';

-- AlterTable
ALTER TABLE "ProposalAuthor"
  ALTER COLUMN "role" DROP DEFAULT,
  ALTER COLUMN "role" TYPE "AuthorRole" USING ("role"::"AuthorRole"),
  ALTER COLUMN "role" SET DEFAULT 'COAUTHOR';

-- AlterTable
ALTER TABLE "Review"
  ALTER COLUMN "decision" TYPE "ReviewDecision" USING ("decision"::"ReviewDecision");

-- AlterTable
ALTER TABLE "ReviewerKeyRevocation"
  ALTER COLUMN "reason" TYPE "KeyRetirement" USING ("reason"::"KeyRetirement");

-- AlterTable
ALTER TABLE "OutboundEmail"
  ALTER COLUMN "status" DROP DEFAULT,
  ALTER COLUMN "status" TYPE "OutboundEmailStatus" USING ("status"::"OutboundEmailStatus"),
  ALTER COLUMN "status" SET DEFAULT 'PENDING';

-- AlterTable
ALTER TABLE "WebhookDelivery"
  ALTER COLUMN "status" DROP DEFAULT,
  ALTER COLUMN "status" TYPE "WebhookDeliveryStatus" USING ("status"::"WebhookDeliveryStatus"),
  ALTER COLUMN "status" SET DEFAULT 'PENDING';

-- AlterTable
ALTER TABLE "Consultation"
  ALTER COLUMN "moderation" TYPE "ModerationMode" USING ("moderation"::"ModerationMode");

-- AlterTable
ALTER TABLE "ConsultationComment"
  ALTER COLUMN "status" TYPE "ConsultationCommentStatus" USING ("status"::"ConsultationCommentStatus");

-- AlterTable
ALTER TABLE "ConsultationAnswer"
  ALTER COLUMN "disposition" TYPE "AnswerDisposition" USING ("disposition"::"AnswerDisposition");

-- AlterTable
ALTER TABLE "Suggestion"
  ALTER COLUMN "mark" TYPE "SuggestionMark" USING ("mark"::"SuggestionMark");

-- AlterTable
ALTER TABLE "Suggestion"
  ALTER COLUMN "markAction" TYPE "FormatAction" USING ("markAction"::"FormatAction");

-- AlterTable
ALTER TABLE "Suggestion"
  ALTER COLUMN "status" DROP DEFAULT,
  ALTER COLUMN "status" TYPE "SuggestionStatus" USING ("status"::"SuggestionStatus"),
  ALTER COLUMN "status" SET DEFAULT 'PENDING';
