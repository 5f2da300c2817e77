import { getDb } from "../db/client";
import { listVersionToc } from "../db/history";
import { findDocumentBySlug, findVersion, headVersion, loadVersionSections, type LoadedSection } from "../db/documents";
import { renderRevisionHtml, renderRevisionMarkdown } from "./render-revision";
import { LruCache } from "../domain/lru-cache";
import { AppError } from "../errors";
import { encodeBase64 } from "../domain/tlog";
import { readVersionLogEntry, type VersionLogEntry } from "./log/read-log";

/** Versions whose sections stay in memory: the current one and the recent ones readers compare. */
const CACHED_VERSIONS = 64;
/** A version is immutable, so its loaded sections are cached without invalidation. */
const versionSectionsCache = new LruCache<string, LoadedSection[]>(CACHED_VERSIONS);

/** A section as readers get it: its stored content, current owner, and the HTML readers see. */
export type PublishedSection = LoadedSection & { html: string };

export interface PublishedDocument {
  document: { id: string; slug: string; title: string };
  version: { id: string; number: number; hash: string; prevHash: string | null; publishedAt: Date; summary: string };
  headNumber: number;
  sections: PublishedSection[];
  /** The version's leaf in the transparency log (null only before the start that migrates old versions). */
  log: VersionLogEntry | null;
}

const notFound = (what: string) => new AppError("NOT_FOUND", `Không tìm thấy ${what} (not found).`);

/** A document as published at a version (the latest when no number is given). */
export async function readPublishedDocument(input: { slug: string; versionNumber?: number }): Promise<PublishedDocument> {
  const db = await getDb();
  const document = await findDocumentBySlug(db, input.slug);
  if (!document) throw notFound(`tài liệu “${input.slug}”`);
  const head = await headVersion(db, document.id);
  if (!head) throw notFound("phiên bản đã ban hành");
  const version = input.versionNumber === undefined ? head : await findVersion(db, document.id, input.versionNumber);
  if (!version) throw notFound(`phiên bản ${input.versionNumber}`);
  // Section owners can be reassigned, so only the immutable part (titles, content) is cached
  // per version; owners come fresh from the sections table.
  const cached = await versionSectionsCache.getOrCreate(version.id, () => loadVersionSections(db, version.id));
  const owners = await db.section.findMany({ where: { documentId: document.id }, include: { ownerOrganization: true } });
  const ownerBySection = new Map(owners.map((section) => [section.id, section.ownerOrganization]));
  const sections = cached.map((section) => {
    const owner = ownerBySection.get(section.id);
    return {
      ...section,
      owner: owner ? { id: owner.id, slug: owner.slug, name: owner.name } : null,
      html: renderRevisionHtml(section.revisionHash, section.content),
    };
  });
  return {
    document: { id: document.id, slug: document.slug, title: document.title },
    version: {
      id: version.id,
      number: version.number,
      hash: version.hash,
      prevHash: version.prevHash,
      publishedAt: version.publishedAt,
      summary: version.summary,
    },
    headNumber: head.number,
    sections,
    log: await readVersionLogEntry(db, version.id),
  };
}

/** Every document with a published version, for the home page: its head and table of contents. */
export async function listPublishedDocumentsWithContents() {
  const db = await getDb();
  const documents = await db.document.findMany({ orderBy: { createdAt: "asc" } });
  const entries = await Promise.all(
    documents.map(async (document) => {
      const head = await headVersion(db, document.id);
      if (!head) return null;
      const toc = await listVersionToc(db, head.id);
      return { document: { id: document.id, slug: document.slug, title: document.title }, head: { number: head.number, publishedAt: head.publishedAt }, sections: toc };
    }),
  );
  return entries.filter((entry) => entry !== null);
}

export async function listDocuments() {
  const db = await getDb();
  const documents = await db.document.findMany({ orderBy: { createdAt: "asc" } });
  return Promise.all(
    documents.map(async (document) => {
      const head = await headVersion(db, document.id);
      return {
        slug: document.slug,
        title: document.title,
        version: head ? { number: head.number, hash: head.hash, publishedAt: head.publishedAt.toISOString() } : null,
      };
    }),
  );
}

/** The JSON shape of `GET /api/v1/documents/{slug}` and `/versions/{n}`. */
export function publishedDocumentJson(published: PublishedDocument) {
  return {
    slug: published.document.slug,
    title: published.document.title,
    version: {
      number: published.version.number,
      hash: published.version.hash,
      prevHash: published.version.prevHash,
      publishedAt: published.version.publishedAt.toISOString(),
    },
    sections: published.sections.map((section) => ({
      id: section.id,
      slug: section.slug,
      title: section.title,
      position: section.position,
      owner: section.owner ? { slug: section.owner.slug, name: section.owner.name } : null,
      content: section.content,
      markdown: renderRevisionMarkdown(section.revisionHash, section.content),
    })),
    /** The exact leaf bytes of the version's statement, base64 (lib/domain/tlog/statement.ts). */
    statement: published.log ? encodeBase64(published.log.statement) : null,
    log: published.log ? { index: published.log.index } : null,
  };
}
