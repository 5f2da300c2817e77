import {
  describeFormatChange,
  diffSummaryFacts,
  renderDiffSummary,
  renderSectionSummary,
  type DiffSummaryFacts,
  type DocumentDiff,
  type FormatChange,
  type SectionSummaryFacts,
} from "../domain/diff";
import type { Locale } from "./locales";
import { messages } from "./messages";

/** The one-line summary of a diff in a language: what history, feeds, notifications and the compare page say. */
export function diffSummary(diff: DocumentDiff, locale: Locale): string {
  return summaryText(diffSummaryFacts(diff), locale);
}

/** Stored summary facts put into words in a language. */
export function summaryText(facts: DiffSummaryFacts, locale: Locale): string {
  return renderDiffSummary(facts, messages(locale).diff.summary);
}

/** What one section's change says, in the same words as the summary of a change to that section alone. */
export function sectionSummaryText(section: SectionSummaryFacts, locale: Locale): string {
  return renderSectionSummary(section, messages(locale).diff.summary);
}

/**
 * A published version's summary in the reader's language: rendered from its stored facts, or,
 * for a version published before facts were stored, the text stored then (in Vietnamese).
 */
export function versionSummaryText(version: { summary: string; summaryFacts: DiffSummaryFacts | null }, locale: Locale): string {
  return version.summaryFacts ? summaryText(version.summaryFacts, locale) : version.summary;
}

export function formatChangeText(change: FormatChange, locale: Locale): string {
  return describeFormatChange(change, messages(locale).diff.summary);
}
