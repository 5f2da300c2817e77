-- Formatting suggestions: the mark a suggestion adds or removes (null for a change of words).
ALTER TABLE "Suggestion" ADD COLUMN "mark" TEXT;
ALTER TABLE "Suggestion" ADD COLUMN "markAction" TEXT;
