import type { DbOrTx } from "../../db/client";
import { buildAtomFeed } from "../../domain/history/atom";
import type { Actor } from "../../policies";
import { FEED_AUTHOR, MAX_FEED_ENTRIES, feedLanguageQuery, versionEntry, withdrawalEntry } from "./feed-entries";
import { getDb } from "../../db/client";
import { loadVersionEvents } from "../publication/version-events";
import { listVersions } from "./list-versions";
import { DEFAULT_LOCALE, type Locale } from "../../i18n/locales";
import { messages } from "../../i18n/messages";

/**
 * The Atom feed of a document: one entry per published version, linking to its diff, and one per
 * withdrawal recorded about a version (its reason and the day it takes effect), newest first.
 */
export async function documentFeed(options: { slug: string; baseUrl: string; locale?: Locale; actor?: Actor | null; db?: DbOrTx }): Promise<string> {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const t = messages(locale).history;
  const history = await listVersions({ slug: options.slug, page: { size: MAX_FEED_ENTRIES }, actor: options.actor, db: options.db });
  const base = options.baseUrl.replace(/\/+$/, "");
  const { document } = history;
  const events = await loadVersionEvents(options.db ?? (await getDb()), document.id);
  const newestFirst = [
    ...history.versions.map((version) => versionEntry(base, document.slug, version, locale)),
    ...events.filter((event) => event.kind === "WITHDRAWN").map((event) => withdrawalEntry(base, document.slug, event, locale)),
  ]
    .sort((a, b) => b.updated.getTime() - a.updated.getTime())
    .slice(0, MAX_FEED_ENTRIES);
  const selfUrl = `${base}/${document.slug}/feed.xml${feedLanguageQuery(locale)}`;
  return buildAtomFeed({
    id: selfUrl,
    title: t.feedText.title(document.title),
    subtitle: t.feedText.subtitle,
    selfUrl,
    pageUrl: `${base}/${document.slug}/lich-su`,
    authorName: FEED_AUTHOR,
    language: locale,
    entries: newestFirst,
    fallbackUpdated: new Date(0),
  });
}
