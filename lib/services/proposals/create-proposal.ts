import type { ProposalKind } from "../../db/enums";
import { runTransaction } from "../../db/transaction";
import { z } from "zod";
import { getDb, type Db } from "../../db/client";
import { findDocumentBySlug, headVersion, loadVersionSections } from "../../db/documents";
import { draftSectionRow } from "../../db/proposals";
import type { SnapshotSection } from "../../domain/document";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { inputIssues } from "../../domain/input-issues";
import { recordProposalChange } from "../live/announce";

export const MAX_PROPOSAL_TITLE_LENGTH = 200;
export const MAX_RATIONALE_LENGTH = 10_000;
export const MAX_LEGAL_BASIS_LENGTH = 2_000;

export const proposalFieldsInput = z.object({
  title: z.string().trim().min(3).max(MAX_PROPOSAL_TITLE_LENGTH),
  rationale: z.string().trim().min(1).max(MAX_RATIONALE_LENGTH),
  legalBasis: z.string().trim().max(MAX_LEGAL_BASIS_LENGTH).optional().default(""),
});

/**
 * Opens a change proposal: a draft branched from the latest published version. Each section's
 * draft starts as a copy of its published content; the collaboration server turns that copy
 * into the live Yjs document the first time someone opens it. Restores and imports start from
 * other sections instead (`sections`), still branched from, and merged against, the head.
 */
export async function createProposal(options: {
  actor: Actor;
  documentSlug: string;
  input: z.input<typeof proposalFieldsInput>;
  kind?: ProposalKind;
  sections?: SnapshotSection[];
  db?: Db;
}) {
  authorize(options.actor, "proposal:create");
  const parsed = proposalFieldsInput.safeParse(options.input);
  if (!parsed.success) {
    throw new AppError("BAD_REQUEST", "invalidInput", { issues: inputIssues(parsed.error) }, { issues: inputIssues(parsed.error) });
  }
  const organizationId = options.actor.organizationId;
  if (!organizationId) throw new AppError("FORBIDDEN", "ministryRequired");
  const db = options.db ?? (await getDb());

  return runTransaction(db, async (tx) => {
    const document = await findDocumentBySlug(tx, options.documentSlug);
    if (!document) throw new AppError("NOT_FOUND", "documentSlugNotFound", { slug: options.documentSlug });
    const head = await headVersion(tx, document.id);
    if (!head) throw new AppError("CONFLICT", "nothingPublishedToEdit");
    const headSections = await loadVersionSections(tx, head.id);
    const headRevisionBySection = new Map(headSections.map((section) => [section.id, section.revisionId]));
    const draftSections: SnapshotSection[] =
      options.sections ?? headSections.map((section) => ({ id: section.id, slug: section.slug, title: section.title, content: section.content }));

    const proposal = await tx.proposal.create({
      data: {
        documentId: document.id,
        baseVersionId: head.id,
        title: parsed.data.title,
        rationale: parsed.data.rationale,
        legalBasis: parsed.data.legalBasis,
        kind: options.kind ?? "EDIT",
        createdById: options.actor.id,
        organizationId,
        authors: { create: { userId: options.actor.id, role: "AUTHOR" } },
      },
    });
    for (const [position, section] of draftSections.entries()) {
      await tx.proposalSection.create({
        data: draftSectionRow({ proposalId: proposal.id, section, position, baseRevisionId: headRevisionBySection.get(section.id) ?? null }),
      });
    }
    // Sections of the head that a restore or import leaves out are removed by the proposal.
    if (options.sections) {
      const kept = new Set(draftSections.map((section) => section.id));
      for (const section of headSections.filter((candidate) => !kept.has(candidate.id))) {
        await tx.proposalSection.create({
          data: draftSectionRow({
            proposalId: proposal.id,
            section,
            position: draftSections.length + section.position,
            baseRevisionId: section.revisionId,
            removed: true,
          }),
        });
      }
    }
    await recordProposalChange(tx, {
      actorId: options.actor.id,
      action: "proposal.created",
      targetType: "proposal",
      targetId: proposal.id,
      data: { documentId: document.id, baseVersion: head.number, kind: options.kind ?? "EDIT", title: proposal.title },
    });
    return proposal;
  });
}
