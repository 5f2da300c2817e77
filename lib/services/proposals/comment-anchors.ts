import * as Y from "yjs";
import type { DbOrTx } from "../../db/client";
import type { LoadedProposal } from "../../db/proposals";
import {
  clipQuote,
  MAX_RELATIVE_POSITION_BASE64_LENGTH,
  parseStoredAnchor,
  resolveTextAnchor,
  serializeStoredAnchor,
  type StoredAnchor,
  type TextPoint,
} from "../../domain/anchors";
import { createLiveAnchor, decodeRelativePosition, resolveLiveAnchor } from "../../domain/anchors-yjs";
import type { DocumentSnapshot } from "../../domain/document";
import { AppError } from "../../errors";
import { YDOC_FIELD } from "../../editor/ydoc";
import { z } from "zod";

/**
 * Comments anchored to a range of words (lib/domain/anchors.ts): checked when written,
 * resolved against the draft's Yjs state when shown, and turned into block id and offsets of
 * the published version in the publishing transaction.
 */

const point = z.object({ blockId: z.string().min(1).max(64), offset: z.number().int().min(0).max(10_000_000) });
const base64Position = z.string().min(1).max(MAX_RELATIVE_POSITION_BASE64_LENGTH).regex(/^[A-Za-z0-9+/]+={0,2}$/);

/**
 * A comment's range: Yjs relative positions (what the editor sends, base64 of
 * Y.encodeRelativePosition), or block id and offsets into the draft (for API clients without a
 * Yjs document). The words it covers are read from the draft, never taken from the client.
 */
export const commentRangeInput = z.union([
  z.object({ sectionId: z.string().min(1).max(64), start: base64Position, end: base64Position }),
  z.object({ sectionId: z.string().min(1).max(64), start: point, end: point }),
]);

export type CommentRangeInput = z.infer<typeof commentRangeInput>;

function draftDoc(yState: Uint8Array | null): { doc: Y.Doc; fragment: Y.XmlFragment } | null {
  if (!yState || yState.length === 0) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, yState);
  return { doc, fragment: doc.getXmlFragment(YDOC_FIELD) };
}

/** The anchor to store for a new comment's range; refuses a range that is not of this draft. */
export function anchorForNewComment(proposal: Pick<LoadedProposal, "sections">, range: CommentRangeInput): StoredAnchor {
  const section = proposal.sections.find((candidate) => candidate.sectionId === range.sectionId && !candidate.removed);
  if (!section) throw new AppError("BAD_REQUEST", "proposalSectionNotFound");
  const live = draftDoc(section.yState);
  try {
    if (typeof range.start !== "string" || typeof range.end !== "string") {
      const made = live ? createLiveAnchor(live.fragment, range.sectionId, range.start as TextPoint, range.end as TextPoint) : null;
      if (!made) throw new AppError("BAD_REQUEST", "commentRangeInvalid");
      return { v: 1, sectionId: range.sectionId, quote: made.quote, live: { start: made.start, end: made.end }, text: null };
    }
    if (!decodeRelativePosition(range.start) || !decodeRelativePosition(range.end)) throw new AppError("BAD_REQUEST", "commentRangeInvalid");
    // The caller stored the live documents first (addComment's writer), so the stored state
    // holds what the browser saw: positions that do not resolve there are not of this draft.
    const resolved = live ? resolveLiveAnchor(live.doc, live.fragment, { start: range.start, end: range.end }) : null;
    if (!resolved || resolved.quote.trim().length === 0) throw new AppError("BAD_REQUEST", "commentRangeInvalid");
    return { v: 1, sectionId: range.sectionId, quote: clipQuote(resolved.quote), live: { start: range.start, end: range.end }, text: null };
  } finally {
    live?.doc.destroy();
  }
}

/** Where an anchored comment points now. */
export interface CommentRange {
  sectionId: string;
  start: TextPoint;
  end: TextPoint;
  /** The words it covers now (the ones it was made on, less those deleted since). */
  quote: string;
  /** "live": in the draft; "published": in the version `version`. */
  state: "live" | "published";
  version: number | null;
}

/** The range of each anchored comment in the proposal's draft (or its published version); absent when its words are gone. */
export function resolveCommentRanges(
  proposal: Pick<LoadedProposal, "sections">,
  comments: readonly { id: string; anchor: string | null }[],
): Map<string, { anchor: StoredAnchor; range: CommentRange | null }> {
  const docs = new Map<string, ReturnType<typeof draftDoc>>();
  const result = new Map<string, { anchor: StoredAnchor; range: CommentRange | null }>();
  for (const comment of comments) {
    const anchor = parseStoredAnchor(comment.anchor);
    if (!anchor) continue;
    if (anchor.text) {
      result.set(comment.id, {
        anchor,
        range: { sectionId: anchor.sectionId, start: anchor.text.start, end: anchor.text.end, quote: anchor.quote, state: "published", version: anchor.text.version },
      });
      continue;
    }
    if (!anchor.live) {
      result.set(comment.id, { anchor, range: null });
      continue;
    }
    if (!docs.has(anchor.sectionId)) {
      const section = proposal.sections.find((candidate) => candidate.sectionId === anchor.sectionId);
      docs.set(anchor.sectionId, section ? draftDoc(section.yState) : null);
    }
    const live = docs.get(anchor.sectionId);
    const resolved = live ? resolveLiveAnchor(live.doc, live.fragment, { ...anchor.live, quote: anchor.quote }) : null;
    result.set(comment.id, { anchor, range: resolved ? { sectionId: anchor.sectionId, ...resolved, state: "live", version: null } : null });
  }
  for (const live of docs.values()) live?.doc.destroy();
  return result;
}

/**
 * In the publishing transaction: each comment anchored in the live draft gets its range in the
 * published version's text (block id and offsets), so the version's comments point at its words.
 * The words are looked for again in the published text when a merge moved them; a comment whose
 * words did not survive keeps only its live form (and shows without a place).
 */
export async function anchorCommentsToVersion(tx: DbOrTx, proposal: LoadedProposal, published: DocumentSnapshot, versionNumber: number): Promise<number> {
  const comments = await tx.comment.findMany({ where: { proposalId: proposal.id, anchor: { not: null } }, select: { id: true, anchor: true } });
  const ranges = resolveCommentRanges(proposal, comments);
  let anchored = 0;
  for (const [id, { anchor, range }] of ranges) {
    if (anchor.text || !range) continue;
    const section = published.sections.find((candidate) => candidate.id === anchor.sectionId);
    const found = section ? resolveTextAnchor(section.content, { start: range.start, end: range.end, quote: range.quote }) : null;
    if (!found) continue;
    const next: StoredAnchor = { ...anchor, quote: clipQuote(found.quote), text: { start: found.start, end: found.end, version: versionNumber } };
    await tx.comment.update({ where: { id }, data: { anchor: serializeStoredAnchor(next) } });
    anchored += 1;
  }
  return anchored;
}
