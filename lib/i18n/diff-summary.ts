import { describeFormatChange, summarizeDiff, type DocumentDiff, type FormatChange } from "../domain/diff";
import type { Locale } from "./locales";
import { messages } from "./messages";

/** The one-line summary of a diff in a language: what history, feeds, notifications and the compare page say. */
export function diffSummary(diff: DocumentDiff, locale: Locale): string {
  return summarizeDiff(diff, messages(locale).diff.summary);
}

export function formatChangeText(change: FormatChange, locale: Locale): string {
  return describeFormatChange(change, messages(locale).diff.summary);
}
