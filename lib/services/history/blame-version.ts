import { getDb, type DbOrTx } from "../../db/client";
import { listPlacements, loadRevisionContents } from "../../db/history";
import type { RichNode } from "../../domain/document";
import { EMPTY_BLAME_STATE, advanceBlame, blameOfState, type BlameState } from "../../domain/history/blame";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { acceptedSuggestionAuthors, suggestionBlockKey } from "../suggestions/accepted-suggestion-authors";
import { versionEntries, type VersionHistoryEntry } from "./list-versions";
import { derivedCache } from "../../domain/derived-cache";
import { assertVersionNumber, requireDocument, requireHead } from "./lookup";

export interface BlamedBlock {
  blockId: string | null;
  node: RichNode;
  /** The version that last added or changed this block, with its proposal. */
  changedIn: VersionHistoryEntry;
  /** People whose suggested changes, accepted in that version's proposal, are in this block. */
  suggestedBy: string[];
}

export interface BlamedSection {
  id: string;
  slug: string;
  title: string;
  addedIn: number;
  blocks: BlamedBlock[];
}

export interface VersionBlame {
  document: { id: string; slug: string; title: string };
  version: VersionHistoryEntry;
  headNumber: number;
  sections: BlamedSection[];
}

/**
 * The blame walk's state per version (document id and version hash): a published version and
 * all before it are immutable, so the state never changes. Blaming version n starts from the
 * nearest kept state below it, usually n-1 after a publish, and walks only what came since:
 * the cost of blaming the head stays flat however long the history (npm run bench -- history).
 * Consecutive states share their unchanged sections, so keeping a few is cheap.
 */
const BLAME_STATES_KEPT = 16;
const blameStates = derivedCache<BlameState>(BLAME_STATES_KEPT);
/** Document ids are never reused, and a version number names one immutable version of its document. */
const stateKey = (documentId: string, versionNumber: number) => `${documentId}\u0000${versionNumber}`;

/**
 * “Nguồn gốc”: for each block of version n, the version (and proposal) that last changed it.
 * Walks the versions after the nearest kept state; only sections whose revision changed between
 * two versions are compared, and only the versions the blocks name are loaded.
 */
export async function blameVersion(options: { slug: string; versionNumber: number; actor?: Actor | null; db?: DbOrTx }): Promise<VersionBlame> {
  authorize(options.actor ?? null, "document:read");
  assertVersionNumber(options.versionNumber, "n");
  const db = options.db ?? (await getDb());
  const document = await requireDocument(db, options.slug);
  const head = await requireHead(db, document.id);
  if (options.versionNumber > head.number) throw new AppError("NOT_FOUND", "versionNotFound", { number: options.versionNumber });

  const blamed = blameOfState(await blameStateAt(db, document.id, options.versionNumber));
  const named = new Set([options.versionNumber, ...blamed.flatMap((section) => section.blocks.map((block) => block.changedIn))]);
  const entries = new Map((await versionEntries(db, document.id, named)).map((entry) => [entry.number, entry]));
  const version = entries.get(options.versionNumber) as VersionHistoryEntry;

  const rows = (await listPlacements(db, document.id, version.number, version.number)).at(-1)?.sections ?? [];
  const slugs = new Map(
    (await db.section.findMany({ where: { id: { in: rows.map((row) => row.sectionId) } }, select: { id: true, slug: true } })).map((section) => [section.id, section.slug]),
  );
  const proposalIds = [...entries.values()].flatMap((entry) => (entry.proposal ? [entry.proposal.id] : []));
  const suggesters = await acceptedSuggestionAuthors(db, proposalIds);
  const suggestedBy = (sectionId: string, blockId: string | null, entry: VersionHistoryEntry) =>
    blockId && entry.proposal ? (suggesters.get(suggestionBlockKey(entry.proposal.id, sectionId, blockId)) ?? []) : [];
  const sections = blamed.map((section, index): BlamedSection => ({
    id: section.sectionId,
    slug: slugs.get(section.sectionId) ?? section.sectionId,
    title: rows[index]?.title ?? "",
    addedIn: section.addedIn,
    blocks: section.blocks.map((block) => {
      const changedIn = entries.get(block.changedIn) as VersionHistoryEntry;
      return { ...block, changedIn, suggestedBy: suggestedBy(section.sectionId, block.blockId, changedIn) };
    }),
  }));
  return { document: { id: document.id, slug: document.slug, title: document.title }, version, headNumber: head.number, sections };
}

/** The walk's state after version `target`, from the nearest kept state below it. */
async function blameStateAt(db: DbOrTx, documentId: string, target: number): Promise<BlameState> {
  let start = EMPTY_BLAME_STATE;
  for (let number = target; number >= 1; number--) {
    const kept = blameStates.get(stateKey(documentId, number));
    if (kept) {
      start = kept;
      break;
    }
  }
  if (start.number === target) return start;
  const placements = await listPlacements(db, documentId, target, start.number + 1);
  const contents = await loadRevisionContents(db, changedRevisionIds(placements, start.contentKeys));
  let state = start;
  for (const placement of placements) {
    state = advanceBlame(state, {
      number: placement.number,
      sections: placement.sections.map((row) => ({
        id: row.sectionId,
        contentKey: row.revisionId,
        // Unchanged sections are never read by the walk; an empty doc stands in for them.
        content: contents.get(row.revisionId) ?? { type: "doc", content: [] },
      })),
    });
  }
  blameStates.set(stateKey(documentId, target), state);
  return state;
}

/** Revisions the walk reads: each section's revision in the versions where it differs from the one before. */
function changedRevisionIds(
  placements: readonly { sections: readonly { sectionId: string; revisionId: string }[] }[],
  before: ReadonlyMap<string, string>,
): Set<string> {
  const ids = new Set<string>();
  let previous: ReadonlyMap<string, string> = before;
  for (const placement of placements) {
    const current = new Map<string, string>();
    for (const row of placement.sections) {
      current.set(row.sectionId, row.revisionId);
      if (previous.get(row.sectionId) !== row.revisionId) ids.add(row.revisionId);
    }
    previous = current;
  }
  return ids;
}
