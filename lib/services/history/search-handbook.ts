import { getDb, type DbOrTx } from "../../db/client";
import { loadVersionSections } from "../../db/documents";
import { versionInForce } from "../in-force";
import { blockId, plainText } from "../../domain/document";
import {
  buildSnippet,
  foldText,
  matchText,
  parseQuery,
  searchHitPath,
  snippetText,
  type FoldedText,
  type Snippet,
} from "../../domain/history/search";
import { authorize, type Actor } from "../../policies";
import { cachedOrCreate, derivedCache } from "../../domain/derived-cache";

/** Results returned at most: a page of results people scan; a longer list means the query needs words. */
export const MAX_SEARCH_RESULTS = 50;

export interface SearchHit {
  document: { slug: string; title: string };
  versionNumber: number;
  section: { id: string; slug: string; title: string };
  /** The matching block's id (link: `/{document}/{section}#b-{blockId}`), or null for a title match. */
  blockId: string | null;
  snippet: Snippet;
  /** The snippet as one line, "…" where cut. */
  text: string;
  score: number;
}

export interface SearchResults {
  query: string;
  hits: SearchHit[];
  /** Matches found before the limit applied. */
  total: number;
}

interface IndexedBlock {
  section: { id: string; slug: string; title: string };
  blockId: string | null;
  folded: FoldedText;
}

interface DocumentIndex {
  document: { slug: string; title: string };
  versionNumber: number;
  titles: { section: { id: string; slug: string; title: string }; folded: FoldedText }[];
  blocks: IndexedBlock[];
}

/**
 * Folded text of each document's current version. Keyed by version id, so a new version
 * simply builds a new entry; the bound allows a few documents and their previous heads.
 */
const INDEXES_KEPT = 8;
const indexes = derivedCache<DocumentIndex>(INDEXES_KEPT);

/**
 * Searches the text in force today of every document, ignoring case and Vietnamese diacritics.
 * Phrase matches rank before matches of all the words, then reading order.
 */
export async function searchHandbook(options: { query: string; limit?: number; actor?: Actor | null; db?: DbOrTx }): Promise<SearchResults> {
  authorize(options.actor ?? null, "document:read");
  const query = parseQuery(options.query);
  if (!query) return { query: options.query.trim(), hits: [], total: 0 };
  const limit = Math.max(1, Math.min(options.limit ?? MAX_SEARCH_RESULTS, MAX_SEARCH_RESULTS));
  const db = options.db ?? (await getDb());
  const documents = await db.document.findMany({ orderBy: { createdAt: "asc" } });

  const hits: SearchHit[] = [];
  for (const document of documents) {
    const head = await versionInForce(db, document.id);
    if (!head) continue;
    const index = await cachedOrCreate(indexes, `${head.id}\u0000${document.slug}\u0000${document.title}`, async () => buildIndex(db, document, head));
    for (const title of index.titles) {
      const match = matchText(title.folded, query);
      if (!match) continue;
      const snippet = buildSnippet(title.folded.text, match.ranges);
      hits.push({ document: index.document, versionNumber: index.versionNumber, section: title.section, blockId: null, snippet, text: snippetText(snippet), score: match.score + 1 });
    }
    for (const block of index.blocks) {
      const match = matchText(block.folded, query);
      if (!match) continue;
      const snippet = buildSnippet(block.folded.text, match.ranges);
      hits.push({ document: index.document, versionNumber: index.versionNumber, section: block.section, blockId: block.blockId, snippet, text: snippetText(snippet), score: match.score });
    }
  }
  // A stable sort keeps reading order among equal scores.
  hits.sort((a, b) => b.score - a.score);
  return { query: options.query.trim(), hits: hits.slice(0, limit), total: hits.length };
}

async function buildIndex(
  db: DbOrTx,
  document: { slug: string; title: string },
  head: { id: string; number: number },
): Promise<DocumentIndex> {
  const sections = await loadVersionSections(db, head.id);
  const titles: DocumentIndex["titles"] = [];
  const blocks: IndexedBlock[] = [];
  for (const section of sections) {
    const ref = { id: section.id, slug: section.slug, title: section.title };
    titles.push({ section: ref, folded: foldText(section.title) });
    for (const node of section.content.content ?? []) {
      const text = plainText(node);
      if (text.trim().length === 0) continue;
      blocks.push({ section: ref, blockId: blockId(node), folded: foldText(text) });
    }
  }
  return { document: { slug: document.slug, title: document.title }, versionNumber: head.number, titles, blocks };
}

/** The JSON of `GET /api/v1/search?q=`: each hit with the reader's link to the passage. */
export function searchResultsJson(results: SearchResults) {
  return {
    query: results.query,
    total: results.total,
    results: results.hits.map((hit) => ({
      document: hit.document,
      version: hit.versionNumber,
      section: hit.section,
      blockId: hit.blockId,
      url: searchHitPath(hit),
      snippet: hit.text,
      highlights: hit.snippet.parts,
    })),
  };
}
