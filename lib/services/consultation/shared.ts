import type { DbOrTx } from "../../db/client";
import { draftContent } from "../../db/stored-columns";
import type { RichNode } from "../../domain/document";
import { blockId, plainText } from "../../domain/document";
import type { ConsultationAnchor } from "../../domain/consultation";
import { AppError } from "../../errors";
import { formatDateTime } from "../../i18n/format";
import { DEFAULT_LOCALE } from "../../i18n/locales";

/** The consultation of a proposal with what the rules need, or a 404 when it has none. */
export async function loadConsultation(db: DbOrTx, proposalId: string) {
  const consultation = await db.consultation.findUnique({ where: { proposalId } });
  if (!consultation) throw new AppError("NOT_FOUND", "consultationNotFound");
  return consultation;
}

/** A block of a draft section by its id, searched through nested blocks (list items, table cells). */
export function findBlock(node: RichNode, id: string): RichNode | null {
  if (blockId(node) === id) return node;
  for (const child of node.content ?? []) {
    const found = findBlock(child, id);
    if (found) return found;
  }
  return null;
}

/**
 * Checks that an anchor points into the draft as it is now: its section exists (not removed),
 * its block is there, and a range lies within the block's text. The quote is re-read from the
 * text, never taken from the client.
 */
export function resolveAnchor(
  anchor: ConsultationAnchor,
  sections: readonly { proposalId: string; sectionId: string; removed: boolean; content: string }[],
): ConsultationAnchor {
  if (anchor.kind === "proposal") return anchor;
  const section = sections.find((candidate) => candidate.sectionId === anchor.sectionId && !candidate.removed);
  if (!section) throw new AppError("BAD_REQUEST", "consultationAnchorInvalid");
  const block = findBlock(draftContent(section), anchor.blockId);
  if (!block) throw new AppError("BAD_REQUEST", "consultationAnchorInvalid");
  if (anchor.kind === "block") return anchor;
  const text = plainText(block).normalize("NFC");
  if (anchor.end > text.length) throw new AppError("BAD_REQUEST", "consultationAnchorInvalid");
  return { ...anchor, quote: text.slice(anchor.start, anchor.end) };
}

/** An instant as the error messages print it (Vietnamese; the reader's language renders the rest). */
export function printedInstant(at: Date): string {
  return formatDateTime(at, DEFAULT_LOCALE);
}
