import type { DbOrTx } from "../../db/client";
import { consultationPath, type ManifestConsultation } from "../../domain/open-data";
import { utf8 } from "../../domain/tlog/bytes";
import type { ReportFigures } from "../../domain/consultation";
import { consultationJson, getConsultationView, type ConsultationView } from "../consultation/consultation-view";

/**
 * One public consultation as the open data archive holds it (`consultations/{proposalId}.json`):
 * what anyone may read at `GET /api/v1/proposals/{id}/consultation` once it has opened, plus what
 * the report says of it. Its comments are that route's, element for element (so a mirror can
 * compare them with the live address): published comments only, each with the commenter's name
 * and never an email, and their answer (disposition and reason). Pending and hidden comments are
 * counted in the figures but neither their bodies nor their authors appear. Nothing in it depends
 * on the time of building but which consultations have opened.
 */
export interface ConsultationRecord {
  proposal: {
    id: string;
    title: string;
    document: string;
    organization: string;
    status: string;
    baseVersion: number;
    /** The version the revised text became, once published. */
    publishedVersion: number | null;
  };
  opensAt: string;
  closesAt: string;
  moderation: { mode: string; hideAfterReports: number };
  comments: ReturnType<typeof consultationJson>["comments"];
  figures: ReportFigures;
}

export function consultationRecord(view: ConsultationView): ConsultationRecord {
  const api = consultationJson(view);
  return {
    proposal: {
      id: view.proposal.id,
      title: view.proposal.title,
      document: view.proposal.document.slug,
      organization: view.proposal.organizationName,
      status: view.proposal.status,
      baseVersion: view.proposal.baseVersionNumber,
      publishedVersion: view.proposal.publishedVersion?.number ?? null,
    },
    opensAt: api.opensAt,
    closesAt: api.closesAt,
    moderation: { mode: view.consultation.moderation, hideAfterReports: view.consultation.hideAfterReports },
    comments: api.comments,
    figures: view.figures,
  };
}

/** Every consultation that has opened by `now`, as its manifest entry and its file's bytes, in proposal order. */
export async function consultationRecords(db: DbOrTx, now: Date): Promise<{ entry: ManifestConsultation; bytes: Uint8Array }[]> {
  const opened = await db.consultation.findMany({ where: { opensAt: { lte: now } }, orderBy: { proposalId: "asc" }, select: { proposalId: true } });
  const records: { entry: ManifestConsultation; bytes: Uint8Array }[] = [];
  for (const { proposalId } of opened) {
    // As someone with no account sees it: published comments only.
    const record = consultationRecord(await getConsultationView({ actor: null, proposalId, now, db }));
    records.push({
      entry: { proposalId, document: record.proposal.document, opensAt: record.opensAt, closesAt: record.closesAt, path: consultationPath(proposalId) },
      bytes: utf8(JSON.stringify(record)),
    });
  }
  return records;
}
