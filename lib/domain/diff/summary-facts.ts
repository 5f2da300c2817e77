import { z } from "zod";
import { SUMMARY_FACTS_KEY, SUMMARY_FACTS_VERSION, type DiffSummaryFacts } from "./summary";

/**
 * Reading stored summary facts back (a version's stats JSON, a notification's parameters): they
 * are checked against their shape, not trusted, and anything that does not fit (a row written
 * before facts were stored, or by another release) reads as null, so its stored text is shown.
 */

/** Longest title or address a fact carries: far above any section title, a bound on what a row may hold. */
const MAX_FACT_TEXT_LENGTH = 2_000;
const factText = z.string().max(MAX_FACT_TEXT_LENGTH);
const count = z.number().int().nonnegative();

const blockCountsSchema = z.object({
  wordsAdded: count,
  wordsRemoved: count,
  blocksAdded: count,
  blocksRemoved: count,
  blocksChanged: count,
  joined: count,
  split: count,
  moved: count,
  repeatedRemoved: count,
  repeatedAdded: count,
  linesRemoved: count,
});

export const diffSummaryFactsSchema: z.ZodType<DiffSummaryFacts> = z.object({
  version: z.literal(SUMMARY_FACTS_VERSION),
  documentRenamedTo: factText.nullable(),
  addressChangedTo: factText.nullable(),
  sectionsAdded: count,
  sectionsRemoved: count,
  sectionsMoved: count,
  sectionsRenamed: count,
  totals: blockCountsSchema,
  sections: z.array(
    z.object({
      sectionId: factText,
      title: factText,
      status: z.enum(["added", "removed", "changed", "unchanged"]),
      renamedFrom: factText.nullable(),
      moved: z.boolean(),
      addressChanged: z.boolean(),
      counts: blockCountsSchema,
    }),
  ),
});

/** The facts stored in a version's stats JSON, or null for a row that has none (or none this release reads). */
export function summaryFactsFromStats(statsJson: string): DiffSummaryFacts | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(statsJson);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  const facts = diffSummaryFactsSchema.safeParse((parsed as Record<string, unknown>)[SUMMARY_FACTS_KEY]);
  return facts.success ? facts.data : null;
}
