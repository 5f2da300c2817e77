-- Closed sets of strings become enums (prisma/schema.prisma). SQLite has no enum type: Prisma
-- keeps an enum in a TEXT column, so no table changes. What PostgreSQL's cast does there is done
-- here: every stored value is checked against its set, and one outside it stops the migration
-- (CHECK constraint failed) rather than becoming a row Prisma cannot read.

CREATE TEMP TABLE "_enum_values" ("enum" TEXT NOT NULL, "value" TEXT NOT NULL);

INSERT INTO "_enum_values" ("enum", "value") VALUES ('Role', 'READER'), ('Role', 'CONTRIBUTOR'), ('Role', 'REVIEWER'), ('Role', 'ADMIN');
INSERT INTO "_enum_values" ("enum", "value") VALUES ('EmailDelivery', 'IMMEDIATE'), ('EmailDelivery', 'DAILY'), ('EmailDelivery', 'NONE');
INSERT INTO "_enum_values" ("enum", "value") VALUES ('ModerationMode', 'PRE'), ('ModerationMode', 'POST');
INSERT INTO "_enum_values" ("enum", "value") VALUES ('ProposalStatus', 'DRAFT'), ('ProposalStatus', 'IN_REVIEW'), ('ProposalStatus', 'CHANGES_REQUESTED'), ('ProposalStatus', 'APPROVED'), ('ProposalStatus', 'PUBLISHED'), ('ProposalStatus', 'REJECTED'), ('ProposalStatus', 'WITHDRAWN');
INSERT INTO "_enum_values" ("enum", "value") VALUES ('ProposalKind', 'EDIT'), ('ProposalKind', 'RESTORE'), ('ProposalKind', 'IMPORT');
INSERT INTO "_enum_values" ("enum", "value") VALUES ('AuthorRole', 'AUTHOR'), ('AuthorRole', 'COAUTHOR');
INSERT INTO "_enum_values" ("enum", "value") VALUES ('ReviewDecision', 'APPROVE'), ('ReviewDecision', 'REQUEST_CHANGES'), ('ReviewDecision', 'REJECT');
INSERT INTO "_enum_values" ("enum", "value") VALUES ('KeyRetirement', 'ROTATED'), ('KeyRetirement', 'REVOKED');
INSERT INTO "_enum_values" ("enum", "value") VALUES ('OutboundEmailStatus', 'HELD'), ('OutboundEmailStatus', 'PENDING'), ('OutboundEmailStatus', 'SENDING'), ('OutboundEmailStatus', 'SENT'), ('OutboundEmailStatus', 'FAILED'), ('OutboundEmailStatus', 'BATCHED'), ('OutboundEmailStatus', 'CANCELLED');
INSERT INTO "_enum_values" ("enum", "value") VALUES ('WebhookDeliveryStatus', 'PENDING'), ('WebhookDeliveryStatus', 'SENDING'), ('WebhookDeliveryStatus', 'DELIVERED'), ('WebhookDeliveryStatus', 'FAILED');
INSERT INTO "_enum_values" ("enum", "value") VALUES ('ConsultationCommentStatus', 'PENDING'), ('ConsultationCommentStatus', 'PUBLISHED'), ('ConsultationCommentStatus', 'HIDDEN');
INSERT INTO "_enum_values" ("enum", "value") VALUES ('AnswerDisposition', 'ACCEPTED'), ('AnswerDisposition', 'PARTLY_ACCEPTED'), ('AnswerDisposition', 'NOT_ACCEPTED'), ('AnswerDisposition', 'EXPLAINED');
INSERT INTO "_enum_values" ("enum", "value") VALUES ('SuggestionStatus', 'PENDING'), ('SuggestionStatus', 'ACCEPTED'), ('SuggestionStatus', 'REJECTED');
INSERT INTO "_enum_values" ("enum", "value") VALUES ('SuggestionMark', 'bold'), ('SuggestionMark', 'italic');
INSERT INTO "_enum_values" ("enum", "value") VALUES ('FormatAction', 'add'), ('FormatAction', 'remove');

CREATE TEMP TABLE "_enum_check" ("enum" TEXT NOT NULL, "value" TEXT, "known" INTEGER NOT NULL CHECK ("known" = 1));
INSERT INTO "_enum_check" SELECT DISTINCT 'Role', "role", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'Role' AND "value" = "User"."role") FROM "User";
INSERT INTO "_enum_check" SELECT DISTINCT 'EmailDelivery', "emailDelivery", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'EmailDelivery' AND "value" = "User"."emailDelivery") FROM "User";
INSERT INTO "_enum_check" SELECT DISTINCT 'ModerationMode', "consultationModeration", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'ModerationMode' AND "value" = "Document"."consultationModeration") FROM "Document";
INSERT INTO "_enum_check" SELECT DISTINCT 'ProposalStatus', "status", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'ProposalStatus' AND "value" = "Proposal"."status") FROM "Proposal";
INSERT INTO "_enum_check" SELECT DISTINCT 'ProposalKind', "kind", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'ProposalKind' AND "value" = "Proposal"."kind") FROM "Proposal";
INSERT INTO "_enum_check" SELECT DISTINCT 'AuthorRole', "role", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'AuthorRole' AND "value" = "ProposalAuthor"."role") FROM "ProposalAuthor";
INSERT INTO "_enum_check" SELECT DISTINCT 'ReviewDecision', "decision", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'ReviewDecision' AND "value" = "Review"."decision") FROM "Review";
INSERT INTO "_enum_check" SELECT DISTINCT 'KeyRetirement', "reason", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'KeyRetirement' AND "value" = "ReviewerKeyRevocation"."reason") FROM "ReviewerKeyRevocation";
INSERT INTO "_enum_check" SELECT DISTINCT 'OutboundEmailStatus', "status", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'OutboundEmailStatus' AND "value" = "OutboundEmail"."status") FROM "OutboundEmail";
INSERT INTO "_enum_check" SELECT DISTINCT 'WebhookDeliveryStatus', "status", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'WebhookDeliveryStatus' AND "value" = "WebhookDelivery"."status") FROM "WebhookDelivery";
INSERT INTO "_enum_check" SELECT DISTINCT 'ModerationMode', "moderation", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'ModerationMode' AND "value" = "Consultation"."moderation") FROM "Consultation";
INSERT INTO "_enum_check" SELECT DISTINCT 'ConsultationCommentStatus', "status", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'ConsultationCommentStatus' AND "value" = "ConsultationComment"."status") FROM "ConsultationComment";
INSERT INTO "_enum_check" SELECT DISTINCT 'AnswerDisposition', "disposition", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'AnswerDisposition' AND "value" = "ConsultationAnswer"."disposition") FROM "ConsultationAnswer";
INSERT INTO "_enum_check" SELECT DISTINCT 'SuggestionMark', "mark", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'SuggestionMark' AND "value" = "Suggestion"."mark") FROM "Suggestion" WHERE "mark" IS NOT NULL;
INSERT INTO "_enum_check" SELECT DISTINCT 'FormatAction', "markAction", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'FormatAction' AND "value" = "Suggestion"."markAction") FROM "Suggestion" WHERE "markAction" IS NOT NULL;
INSERT INTO "_enum_check" SELECT DISTINCT 'SuggestionStatus', "status", EXISTS (SELECT 1 FROM "_enum_values" WHERE "enum" = 'SuggestionStatus' AND "value" = "Suggestion"."status") FROM "Suggestion";

DROP TABLE "_enum_check";
DROP TABLE "_enum_values";
