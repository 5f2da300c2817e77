import { getDb } from "../db/client";
import { listVersionToc } from "../db/history";
import { findDocumentBySlug, findVersion, headVersion, loadDatedVersions, loadVersionSections, type LoadedSection } from "../db/documents";
import {
  isCalendarDate,
  nextEffectiveChange,
  prospectiveVersions,
  supersededOn,
  versionInForceOn,
  versionStatus,
  type VersionStatus,
} from "../domain/effective-dates";
import { today as clockToday } from "./clock";
import { versionInForce } from "./in-force";
import { renderRevisionHtml, renderRevisionMarkdown } from "./render-revision";
import { cachedOrCreate, derivedCache } from "../domain/derived-cache";
import { AppError } from "../errors";
import { encodeBase64 } from "../domain/tlog";
import { readVersionLogEntry, type VersionLogEntry } from "./log/read-log";
import { editionJson, loadEditions, type EditionEntry } from "./publication/editions";
import { loadVersionEvents, versionEventJson, type VersionEventEntry } from "./publication/version-events";

/** Versions whose sections stay in memory: the current one and the recent ones readers compare. */
const CACHED_VERSIONS = 64;
/** A version is immutable, so its loaded sections are cached without invalidation. */
const versionSectionsCache = derivedCache<LoadedSection[]>(CACHED_VERSIONS);

/** A section as readers get it: its stored content, current owner, and the HTML readers see. */
export type PublishedSection = LoadedSection & { html: string };

export interface PublishedDocument {
  document: { id: string; slug: string; title: string };
  version: { id: string; number: number; hash: string; prevHash: string | null; publishedAt: Date; summary: string; effectiveFrom: string };
  /** The latest published version's number (which may not be in force yet). */
  headNumber: number;
  sections: PublishedSection[];
  /** The version's leaf in the transparency log (null only before the start that migrates old versions). */
  log: VersionLogEntry | null;
  effect: VersionEffect;
  /** Every edition of the document (each names a version). */
  editions: EditionEntry[];
  /** The edition the version was read through (/{document}/an-ban/{slug}), if it was. */
  edition: EditionEntry | null;
  /** Events recorded about this version (a withdrawal), oldest first. */
  events: VersionEventEntry[];
}

/** Where the version read stands among the document's texts in force. */
export interface VersionEffect {
  /** Today, by the clock the answer was computed with (YYYY-MM-DD). */
  today: string;
  /** The day asked for (`/ngay/{date}`, `?at=`), or null for the current text or a version by number. */
  asOf: string | null;
  /** Whether the version was asked for by its number rather than by a day. */
  byNumber: boolean;
  status: VersionStatus;
  effectiveFrom: string;
  /** The day a later version took or takes over from it, as seen on the day read (asOf, else today). */
  supersededOn: string | null;
  /** Its withdrawal, if one was recorded: from `effectiveOn` on it is not the text in force. */
  withdrawal: { effectiveOn: string; reason: string } | null;
  /** Later versions withdrawn by today (why the text in force may be older than the latest). */
  withdrawnLater: { number: number; effectiveOn: string; reason: string }[];
  /** The version in force today (null before the first takes effect). */
  inForceNumber: number | null;
  /** Versions published but not in force yet, oldest first. */
  prospective: { number: number; effectiveFrom: string }[];
  /** The next day the text in force changes (a prospective version takes effect). */
  nextChange: string | null;
}

/**
 * A document as published at a version: the one numbered, the one in force on the day `at`
 * (YYYY-MM-DD), or else the one in force today (by `now`, or the clock). A day before the first
 * version took effect is NOT_FOUND; a malformed day is BAD_REQUEST.
 */
export async function readPublishedDocument(input: { slug: string; versionNumber?: number; at?: string; editionSlug?: string; now?: Date }): Promise<PublishedDocument> {
  const db = await getDb();
  const document = await findDocumentBySlug(db, input.slug);
  if (!document) throw new AppError("NOT_FOUND", "documentSlugNotFound", { slug: input.slug });
  const editions = await loadEditions(db, document.id);
  let edition: EditionEntry | null = null;
  if (input.editionSlug !== undefined) {
    edition = editions.find((candidate) => candidate.slug === input.editionSlug) ?? null;
    if (!edition) throw new AppError("NOT_FOUND", "editionNotFound");
    input = { ...input, versionNumber: edition.version };
  }
  if (input.at !== undefined && !isCalendarDate(input.at)) throw new AppError("BAD_REQUEST", "invalidDate");
  const head = await headVersion(db, document.id);
  if (!head) throw new AppError("NOT_FOUND", "nothingPublished");
  const dated = await loadDatedVersions(db, document.id);
  const today = clockToday(input.now);
  let number: number;
  if (input.versionNumber !== undefined) {
    number = input.versionNumber;
  } else {
    const day = input.at ?? today;
    const inForce = versionInForceOn(dated, day);
    if (inForce === null) {
      throw input.at !== undefined ? new AppError("NOT_FOUND", "notInForceOn", { date: input.at }) : new AppError("NOT_FOUND", "noVersionInForce");
    }
    number = inForce;
  }
  const version = number === head.number ? head : await findVersion(db, document.id, number);
  if (!version) throw new AppError("NOT_FOUND", "versionNotFound", { number });
  const documentEvents = await loadVersionEvents(db, document.id);
  const events = documentEvents.filter((event) => event.version === version.number);
  const withdrawal = events.find((event) => event.kind === "WITHDRAWN") ?? null;
  const withdrawnLater = documentEvents
    .filter((event) => event.kind === "WITHDRAWN" && event.version > version.number && event.effectiveOn <= today)
    .map((event) => ({ number: event.version, effectiveOn: event.effectiveOn, reason: event.reason }));
  // Section owners can be reassigned, so only the immutable part (titles, content) is cached
  // per version; owners come fresh from the sections table.
  const cached = await cachedOrCreate(versionSectionsCache, version.id, () => loadVersionSections(db, version.id));
  const owners = await db.section.findMany({ where: { documentId: document.id }, include: { ownerOrganization: true } });
  const ownerBySection = new Map(owners.map((section) => [section.id, section.ownerOrganization]));
  const sections = cached.map((section) => {
    const owner = ownerBySection.get(section.id);
    return {
      ...section,
      owner: owner ? { id: owner.id, slug: owner.slug, name: owner.name } : null,
      html: renderRevisionHtml(section.revisionId, section.content),
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
      effectiveFrom: version.effectiveFrom,
    },
    headNumber: head.number,
    sections,
    log: await readVersionLogEntry(db, version.id),
    effect: {
      today,
      asOf: input.versionNumber === undefined ? (input.at ?? null) : null,
      byNumber: input.versionNumber !== undefined,
      status: versionStatus(dated, version.number, today),
      effectiveFrom: version.effectiveFrom,
      supersededOn: supersededOn(dated, version.number, input.versionNumber === undefined ? (input.at ?? today) : today),
      withdrawal: withdrawal ? { effectiveOn: withdrawal.effectiveOn, reason: withdrawal.reason } : null,
      withdrawnLater,
      inForceNumber: versionInForceOn(dated, today),
      prospective: prospectiveVersions(dated, today).map(({ number: n, effectiveFrom }) => ({ number: n, effectiveFrom })),
      nextChange: nextEffectiveChange(dated, today),
    },
    editions,
    edition,
    events,
  };
}

/** Every document with a version in force, for the home page: that version and its table of contents. */
export async function listPublishedDocumentsWithContents(options: { now?: Date } = {}) {
  const db = await getDb();
  const documents = await db.document.findMany({ orderBy: { createdAt: "asc" } });
  const entries = await Promise.all(
    documents.map(async (document) => {
      const head = await versionInForce(db, document.id, { now: options.now });
      if (!head) return null;
      const [toc, editions] = await Promise.all([listVersionToc(db, head.id), loadEditions(db, document.id)]);
      return {
        document: { id: document.id, slug: document.slug, title: document.title },
        head: { number: head.number, publishedAt: head.publishedAt, effectiveFrom: head.effectiveFrom },
        sections: toc,
        editions,
      };
    }),
  );
  return entries.filter((entry) => entry !== null);
}

/** Every document with the version in force today (`version`) and the latest published (`latest`). */
export async function listDocuments(options: { now?: Date } = {}) {
  const db = await getDb();
  const documents = await db.document.findMany({ orderBy: { createdAt: "asc" } });
  const describe = (version: { number: number; hash: string; publishedAt: Date; effectiveFrom: string } | null) =>
    version ? { number: version.number, hash: version.hash, publishedAt: version.publishedAt.toISOString(), effectiveFrom: version.effectiveFrom } : null;
  return Promise.all(
    documents.map(async (document) => {
      const [inForce, head, editions] = await Promise.all([versionInForce(db, document.id, { now: options.now }), headVersion(db, document.id), loadEditions(db, document.id)]);
      return {
        slug: document.slug,
        title: document.title,
        version: describe(inForce),
        latest: describe(head),
        editions: editions.map((edition) => editionJson(document.slug, edition)),
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
      effectiveFrom: published.version.effectiveFrom,
    },
    // A version read by number is immutable at its address; where it stands today is not, so
    // only the text in force (today or `?at=`) says it.
    ...(published.effect.byNumber
      ? {}
      : {
          inForce: {
            asOf: published.effect.asOf ?? published.effect.today,
            status: published.effect.status,
            effectiveFrom: published.effect.effectiveFrom,
            supersededOn: published.effect.supersededOn,
            withdrawnOn: published.effect.withdrawal?.effectiveOn ?? null,
            inForceToday: published.effect.inForceNumber,
            prospective: published.effect.prospective,
          },
        }),
    sections: published.sections.map((section) => ({
      id: section.id,
      slug: section.slug,
      title: section.title,
      position: section.position,
      owner: section.owner ? { slug: section.owner.slug, name: section.owner.name } : null,
      content: section.content,
      markdown: renderRevisionMarkdown(section.revisionId, section.content),
    })),
    // The text in force names every edition of the document; a version read by number, those naming it.
    editions: published.editions
      .filter((edition) => !published.effect.byNumber || edition.version === published.version.number)
      .map((edition) => editionJson(published.document.slug, edition)),
    /** What was recorded about this version after it was published (a withdrawal), never an edit of it. */
    events: published.events.map(versionEventJson),
    /** The exact leaf bytes of the version's statement, base64 (lib/domain/tlog/statement.ts). */
    statement: published.log ? encodeBase64(published.log.statement) : null,
    log: published.log ? { index: published.log.index } : null,
  };
}
