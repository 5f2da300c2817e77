import { getDb, type Db } from "../../db/client";
import { diffDocuments, isEmptyDiff } from "../../domain/diff";
import type { SnapshotSection } from "../../domain/document";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { createProposal } from "../proposals/create-proposal";
import { requireDocument, requireHead, requireVersion, versionSnapshot } from "./lookup";

export interface RestoreInput {
  title?: string;
  rationale?: string;
  legalBasis?: string;
}

/**
 * “Khôi phục phiên bản này”: opens a RESTORE proposal whose draft is the text of an earlier
 * version, either whole or for one section (the other sections stay as they are now). It is
 * reviewed and published like any proposal; nothing changes for readers until then.
 */
export async function startRestoreProposal(options: {
  actor: Actor;
  slug: string;
  versionNumber: number;
  sectionId?: string;
  input?: RestoreInput;
  db?: Db;
}) {
  authorize(options.actor, "proposal:create");
  const db = options.db ?? (await getDb());
  const document = await requireDocument(db, options.slug);
  const head = await requireHead(db, document.id);
  const version = await requireVersion(db, document.id, options.versionNumber);
  const [old, current] = await Promise.all([versionSnapshot(db, document, version.id), versionSnapshot(db, document, head.id)]);

  let sections: SnapshotSection[] = old.sections;
  let defaultTitle = `Khôi phục phiên bản ${version.number}`;
  if (options.sectionId !== undefined) {
    const restored = old.sections.find((section) => section.id === options.sectionId);
    if (!restored) throw new AppError("NOT_FOUND", "sectionNotInVersion", { number: version.number });
    sections = withSectionRestored(current.sections, old.sections, restored);
    defaultTitle = `Khôi phục mục “${restored.title}” theo phiên bản ${version.number}`;
  }
  if (isEmptyDiff(diffDocuments(current, { ...current, sections }))) {
    throw new AppError(
      "BAD_REQUEST",
      "nothingToRestore", { headNumber: head.number },
    );
  }
  const when = version.publishedAt.toISOString().slice(0, 10);
  return createProposal({
    actor: options.actor,
    documentSlug: document.slug,
    kind: "RESTORE",
    sections,
    db,
    input: {
      title: options.input?.title?.trim() || defaultTitle,
      rationale:
        options.input?.rationale?.trim() ||
        `Khôi phục nội dung đã ban hành ở phiên bản ${version.number} (ngày ${when}, mã băm ${version.hash.slice(0, 12)}).`,
      legalBasis: options.input?.legalBasis ?? "",
    },
  });
}

/**
 * The current sections with one replaced by its old text and title. A section removed since
 * comes back at its old place, counted among the sections that still exist.
 */
function withSectionRestored(current: readonly SnapshotSection[], old: readonly SnapshotSection[], restored: SnapshotSection): SnapshotSection[] {
  const index = current.findIndex((section) => section.id === restored.id);
  if (index >= 0) return current.map((section, position) => (position === index ? restored : section));
  const currentIds = new Set(current.map((section) => section.id));
  const oldIndex = old.findIndex((section) => section.id === restored.id);
  const predecessors = old.slice(0, oldIndex).filter((section) => currentIds.has(section.id));
  const anchor = predecessors.at(-1);
  const insertAt = anchor ? current.findIndex((section) => section.id === anchor.id) + 1 : 0;
  return [...current.slice(0, insertAt), restored, ...current.slice(insertAt)];
}
