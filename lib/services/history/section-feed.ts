import type { DbOrTx } from "../../db/client";
import { buildAtomFeed } from "../../domain/history/atom";
import type { Actor } from "../../policies";
import {
  FEED_AUTHOR,
  MAX_FEED_ENTRIES,
  entryAuthor,
  entryTitle,
  permalinkUrl,
  provenanceLines,
  sectionChangeSummary,
  versionDiffUrl,
} from "./feed-entries";
import { listSectionHistory } from "./list-section-history";

/** The Atom feed of one section: an entry for each version that changed it, newest first. */
export async function sectionFeed(options: {
  slug: string;
  sectionSlug: string;
  baseUrl: string;
  actor?: Actor | null;
  db?: DbOrTx;
}): Promise<string> {
  const history = await listSectionHistory({ slug: options.slug, sectionSlug: options.sectionSlug, actor: options.actor, db: options.db });
  const base = options.baseUrl.replace(/\/+$/, "");
  const { document, section } = history;
  const selfUrl = `${base}/${document.slug}/lich-su/${section.slug}/feed.xml`;
  const newestFirst = [...history.entries].reverse().slice(0, MAX_FEED_ENTRIES);
  return buildAtomFeed({
    id: selfUrl,
    title: `${section.title} — ${document.title} — Lịch sử thay đổi`,
    selfUrl,
    pageUrl: `${base}/${document.slug}/lich-su/${section.slug}`,
    authorName: FEED_AUTHOR,
    language: "vi",
    entries: newestFirst.map((entry) => {
      const summary = sectionChangeSummary(entry.kinds, entry.wordsAdded, entry.wordsRemoved, entry.previousTitle);
      return {
        id: permalinkUrl(base, document.slug, entry.number, section.slug),
        title: `${entryTitle(entry.version)} — ${entry.title}`,
        updated: entry.version.publishedAt,
        link: versionDiffUrl(base, document.slug, entry.number),
        summary,
        details: [summary, ...provenanceLines(entry.version)],
        authorName: entryAuthor(entry.version),
      };
    }),
    fallbackUpdated: new Date(0),
  });
}
