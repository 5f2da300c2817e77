import { getDb, type DbOrTx } from "../../db/client";
import { loadVersionSnapshot } from "../../db/documents";
import { draftSnapshot, loadProposal, proposalResource } from "../../db/proposals";
import { draftContent } from "../../db/stored-columns";
import {
  COMMENT_STATUSES,
  consultationPhase,
  dispositionOf,
  parseAnchor,
  reportFigures,
  type ConsultationAnchor,
  type ConsultationPhase,
  type Disposition,
  type ReportFigures,
} from "../../domain/consultation";
import { diffDocuments } from "../../domain/diff";
import type { DocumentDiff } from "../../domain/diff/types";
import { plainText } from "../../domain/document";
import { AppError } from "../../errors";
import { can, type Actor } from "../../policies";
import { now as clockNow } from "../clock";
import { findBlock } from "./shared";

export interface ConsultationCommentView {
  id: string;
  anchor: ConsultationAnchor;
  body: string;
  author: { name: string };
  status: string;
  createdAt: Date;
  answer: { disposition: Disposition; reason: string; answeredAt: Date } | null;
  /** Where it points, in words: the section's title and the block's text (or the quoted range). */
  place: { sectionTitle: string | null; excerpt: string | null };
  hiddenReason: string | null;
  /** Hidden by reports, not by a person. */
  hiddenAutomatically: boolean;
  reports: number;
  mine: boolean;
}

/** Longest excerpt of a paragraph a comment's place shows. */
const EXCERPT_CHARS = 160;

/**
 * A proposal's consultation as its public page, the API and the report show it. Anyone may read
 * it once it has opened (before that, only those who may read the proposal). The public sees
 * published comments and their own; authors and moderators see every comment with its status.
 */
export async function getConsultationView(options: { actor: Actor | null; proposalId: string; now?: Date; db?: DbOrTx }) {
  const db = options.db ?? (await getDb());
  const now = options.now ?? clockNow();
  const proposal = await loadProposal(db, options.proposalId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") throw new AppError("NOT_FOUND", "consultationNotFound");
    throw error;
  });
  const resource = proposalResource(proposal);
  const consultation = await db.consultation.findUnique({ where: { proposalId: proposal.id } });
  const insider = can(options.actor, "proposal:read", resource);
  if (!consultation) throw new AppError("NOT_FOUND", "consultationNotFound");
  const phase: ConsultationPhase = consultationPhase(consultation, now);
  if (phase === "scheduled" && !insider) throw new AppError("NOT_FOUND", "consultationNotFound");
  const canAnswer = can(options.actor, "consultation:answer", resource);
  const canModerate = can(options.actor, "consultation:moderate", resource);
  const seesEverything = canAnswer || canModerate;

  const rows = await db.consultationComment.findMany({
    where: { consultationId: consultation.id },
    orderBy: { createdAt: "asc" },
    include: { author: { select: { name: true } }, answer: true, _count: { select: { reports: true } } },
  });
  const draft = draftSnapshot(proposal);
  const base = await loadVersionSnapshot(db, proposal.document, proposal.baseVersionId);
  const diff: DocumentDiff = diffDocuments(base, draft);
  const sectionsById = new Map(proposal.sections.map((section) => [section.sectionId, section]));
  const placeOf = (anchor: ConsultationAnchor) => {
    if (anchor.kind === "proposal") return { sectionTitle: null, excerpt: null };
    const section = sectionsById.get(anchor.sectionId);
    if (!section) return { sectionTitle: null, excerpt: null };
    if (anchor.kind === "range") return { sectionTitle: section.title, excerpt: anchor.quote };
    const block = findBlock(draftContent(section), anchor.blockId);
    const text = block ? plainText(block) : "";
    return { sectionTitle: section.title, excerpt: text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text || null };
  };
  const all: ConsultationCommentView[] = rows.map((row) => {
    const anchor = parseAnchor(row.anchor);
    const disposition = row.answer ? dispositionOf(row.answer.disposition) : null;
    return {
      id: row.id,
      anchor,
      body: row.body,
      author: { name: row.author.name },
      status: row.status,
      createdAt: row.createdAt,
      answer: row.answer && disposition ? { disposition, reason: row.answer.reason, answeredAt: row.answer.updatedAt } : null,
      place: placeOf(anchor),
      hiddenReason: row.hiddenReason,
      hiddenAutomatically: row.status === COMMENT_STATUSES.hidden && row.moderatedById === null,
      reports: row._count.reports,
      mine: options.actor?.id === row.authorId,
    };
  });
  const visible = all.filter((comment) => seesEverything || comment.status === COMMENT_STATUSES.published || (comment.mine && comment.status === COMMENT_STATUSES.pending));
  const figures: ReportFigures = reportFigures(
    rows.map((row) => ({ status: row.status, disposition: row.answer ? dispositionOf(row.answer.disposition) : null, authorId: row.authorId })),
  );
  const publishedVersion = await db.version.findUnique({ where: { proposalId: proposal.id }, select: { number: true, publishedAt: true } });
  return {
    proposal: {
      id: proposal.id,
      title: proposal.title,
      rationale: proposal.rationale,
      legalBasis: proposal.legalBasis,
      status: proposal.status,
      organizationName: proposal.organization.name,
      document: { slug: proposal.document.slug, title: proposal.document.title, minDays: proposal.document.consultationMinDays },
      baseVersionNumber: proposal.baseVersion.number,
      publishedVersion,
    },
    consultation: { id: consultation.id, phase, opensAt: consultation.opensAt, closesAt: consultation.closesAt, moderation: consultation.moderation, hideAfterReports: consultation.hideAfterReports },
    sections: draft.sections,
    diff,
    comments: visible,
    /** Every published comment, for the report. */
    published: all.filter((comment) => comment.status === COMMENT_STATUSES.published),
    figures,
    permissions: {
      canComment: phase === "open" && can(options.actor, "consultation:comment", resource) && !["PUBLISHED", "REJECTED", "WITHDRAWN"].includes(proposal.status),
      canAnswer: canAnswer && !["PUBLISHED", "REJECTED", "WITHDRAWN"].includes(proposal.status),
      canModerate,
      signedIn: options.actor !== null,
    },
  };
}

export type ConsultationView = Awaited<ReturnType<typeof getConsultationView>>;

/** `GET /api/v1/proposals/{id}/consultation`, exactly as the API promises: published comments only. */
export function consultationJson(view: ConsultationView) {
  return {
    status: view.consultation.phase,
    opensAt: view.consultation.opensAt.toISOString(),
    closesAt: view.consultation.closesAt.toISOString(),
    comments: view.published.map((comment) => ({
      id: comment.id,
      anchor: comment.anchor,
      body: comment.body,
      author: { name: comment.author.name },
      answer: comment.answer ? { disposition: comment.answer.disposition, reason: comment.answer.reason } : null,
    })),
  };
}
