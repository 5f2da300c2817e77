"use server";

import { headers } from "next/headers";
import { getCurrentActor } from "@/lib/auth/current";
import { requestClientAddress } from "@/lib/auth/request-address";
import { formString, runFormAction } from "@/lib/http/actions";
import { messages } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";
import { requireActor } from "@/lib/policies";
import { addConsultationComment } from "@/lib/services/consultation/add-consultation-comment";
import { answerConsultationComment } from "@/lib/services/consultation/answer-consultation-comment";
import { moderateConsultationComment, reportConsultationComment } from "@/lib/services/consultation/moderate-consultation-comment";
import { openConsultation } from "@/lib/services/consultation/open-consultation";

const pagePath = (document: string, id: string, anchor = "") => `/${encodeURIComponent(document)}/gop-y/${encodeURIComponent(id)}${anchor}`;

/** A block, a range within it (offsets from the selection), or the whole proposal, as the form says. */
function anchorOf(form: FormData): unknown {
  const sectionId = formString(form, "sectionId");
  const blockId = formString(form, "blockId");
  if (!sectionId || !blockId) return undefined;
  const start = formString(form, "start");
  const end = formString(form, "end");
  if (start !== "" && end !== "" && Number(end) > Number(start)) return { kind: "range", sectionId, blockId, start: Number(start), end: Number(end), quote: formString(form, "quote") };
  return { kind: "block", sectionId, blockId };
}

export async function consultationCommentAction(form: FormData) {
  const id = formString(form, "proposalId");
  const document = formString(form, "document");
  await runFormAction(pagePath(document, id, "#gop-y"), async () => {
    const actor = requireActor(await getCurrentActor());
    const comment = await addConsultationComment({
      actor,
      proposalId: id,
      input: { body: formString(form, "body"), anchor: anchorOf(form) },
      clientAddress: requestClientAddress(await headers()),
    });
    const t = messages(await getLocale()).consultation;
    return comment.status === "PENDING" ? t.sentPending : t.sentPublished;
  });
}

export async function answerConsultationCommentAction(form: FormData) {
  const id = formString(form, "proposalId");
  const commentId = formString(form, "commentId");
  await runFormAction(pagePath(formString(form, "document"), id, `#y-${commentId}`), async () => {
    await answerConsultationComment({
      actor: requireActor(await getCurrentActor()),
      proposalId: id,
      commentId,
      input: { disposition: formString(form, "disposition") as "accepted", reason: formString(form, "reason") },
    });
    return messages(await getLocale()).consultation.answered;
  });
}

export async function moderateConsultationCommentAction(form: FormData) {
  const id = formString(form, "proposalId");
  const commentId = formString(form, "commentId");
  await runFormAction(pagePath(formString(form, "document"), id, `#y-${commentId}`), async () => {
    await moderateConsultationComment({
      actor: requireActor(await getCurrentActor()),
      proposalId: id,
      commentId,
      input: { decision: formString(form, "decision") === "hide" ? "hide" : "publish", reason: formString(form, "reason") },
    });
    return messages(await getLocale()).consultation.moderated;
  });
}

export async function reportConsultationCommentAction(form: FormData) {
  const id = formString(form, "proposalId");
  const commentId = formString(form, "commentId");
  await runFormAction(pagePath(formString(form, "document"), id, "#gop-y"), async () => {
    await reportConsultationComment({ actor: requireActor(await getCurrentActor()), proposalId: id, commentId });
    return messages(await getLocale()).consultation.reported;
  });
}

/** From the proposal page: dates and times as the form gives them (no zone) are Vietnam time. */
export async function openConsultationAction(form: FormData) {
  const id = formString(form, "proposalId");
  const inVietnam = (value: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+07:00` : value);
  await runFormAction(`/lam-viec/de-xuat/${encodeURIComponent(id)}#gop-y`, async () => {
    await openConsultation({
      actor: requireActor(await getCurrentActor()),
      proposalId: id,
      input: { opensAt: inVietnam(formString(form, "opensAt")), closesAt: inVietnam(formString(form, "closesAt")) },
    });
    return messages(await getLocale()).consultation.opened;
  });
}
