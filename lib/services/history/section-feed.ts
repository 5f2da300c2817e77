import type { DbOrTx } from "../../db/client";
import { buildAtomFeed } from "../../domain/history/atom";
import { DEFAULT_LOCALE, type Locale } from "../../i18n/locales";
import { messages } from "../../i18n/messages";
import { sectionSummaryText, versionSummaryText } from "../../i18n/diff-summary";
import type { Actor } from "../../policies";
import {
  FEED_AUTHOR,
  MAX_FEED_ENTRIES,
  entryAuthor,
  entryTitle,
  feedLanguageQuery,
  permalinkUrl,
  provenanceLines,
  versionDiffUrl,
} from "./feed-entries";
import { listSectionHistory, type SectionHistoryEntry } from "./list-section-history";

/** The Atom feed of one section: an entry for each version that changed it, newest first. */
export async function sectionFeed(options: {
  slug: string;
  sectionSlug: string;
  baseUrl: string;
  locale?: Locale;
  actor?: Actor | null;
  db?: DbOrTx;
}): Promise<string> {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const t = messages(locale).history;
  const history = await listSectionHistory({ slug: options.slug, sectionSlug: options.sectionSlug, actor: options.actor, db: options.db });
  const base = options.baseUrl.replace(/\/+$/, "");
  const { document, section } = history;
  const selfUrl = `${base}/${document.slug}/lich-su/${section.slug}/feed.xml${feedLanguageQuery(locale)}`;
  const newestFirst = [...history.entries].reverse().slice(0, MAX_FEED_ENTRIES);
  return buildAtomFeed({
    id: selfUrl,
    title: t.feedText.sectionTitle(section.title, document.title),
    selfUrl,
    pageUrl: `${base}/${document.slug}/lich-su/${section.slug}`,
    authorName: FEED_AUTHOR,
    language: locale,
    entries: newestFirst.map((entry) => {
      const summary = sectionEntrySummary(entry, section.id, locale);
      return {
        id: permalinkUrl(base, document.slug, entry.number, section.slug),
        title: `${entryTitle(entry.version, locale)} — ${entry.title}`,
        updated: entry.version.publishedAt,
        link: versionDiffUrl(base, document.slug, entry.number),
        summary,
        details: [summary, ...provenanceLines(entry.version, locale)],
        authorName: entryAuthor(entry.version),
      };
    }),
    fallbackUpdated: new Date(0),
  });
}

/**
 * What a version did to the section, in the words of the document's summary: that section's part
 * of the stored facts; else the version's own summary (a version published before facts were
 * stored keeps its stored text); else the kinds of change the history found.
 */
function sectionEntrySummary(entry: SectionHistoryEntry, sectionId: string, locale: Locale): string {
  const facts = entry.version.summaryFacts?.sections.find((candidate) => candidate.sectionId === sectionId);
  if (facts) return sectionSummaryText(facts, locale);
  const summary = versionSummaryText(entry.version, locale);
  if (summary) return summary;
  const kinds = messages(locale).history.changeKinds;
  return entry.kinds.map((kind) => kinds[kind]).join(" · ");
}
