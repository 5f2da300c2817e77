import type { DbOrTx } from "../../db/client";
import { buildAtomFeed } from "../../domain/history/atom";
import type { Actor } from "../../policies";
import { FEED_AUTHOR, MAX_FEED_ENTRIES, versionEntry } from "./feed-entries";
import { listVersions } from "./list-versions";

/** The Atom feed of a document: one entry per published version, newest first, linking to its diff. */
export async function documentFeed(options: { slug: string; baseUrl: string; actor?: Actor | null; db?: DbOrTx }): Promise<string> {
  const history = await listVersions({ slug: options.slug, page: { size: MAX_FEED_ENTRIES }, actor: options.actor, db: options.db });
  const base = options.baseUrl.replace(/\/+$/, "");
  const { document } = history;
  const newestFirst = [...history.versions].reverse();
  return buildAtomFeed({
    id: `${base}/${document.slug}/feed.xml`,
    title: `${document.title} — Lịch sử thay đổi`,
    subtitle: "Các phiên bản đã ban hành của Cẩm nang mở, kèm tóm tắt thay đổi.",
    selfUrl: `${base}/${document.slug}/feed.xml`,
    pageUrl: `${base}/${document.slug}/lich-su`,
    authorName: FEED_AUTHOR,
    language: "vi",
    entries: newestFirst.map((version) => versionEntry(base, document.slug, version)),
    fallbackUpdated: new Date(0),
  });
}
