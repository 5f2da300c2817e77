"use server";

import { redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/current";
import { collabDraftWriter } from "@/lib/collab/client";
import { AppError, isAppError, renderErrorMessage } from "@/lib/errors";
import { messages } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";
import { formString, runFormAction } from "@/lib/http/actions";
import { enforceRateLimit, personRateKey } from "@/lib/auth/rate-limit";
import { authorize, requireActor } from "@/lib/policies";
import type { NewProposalState } from "@/components/proposal/NewProposalForm";
import { addComment } from "@/lib/services/proposals/add-comment";
import { changeDraftStructure, type StructureChange } from "@/lib/services/proposals/change-draft-structure";
import { createProposal } from "@/lib/services/proposals/create-proposal";
import { inviteCoauthor, allowOtherOrganizations } from "@/lib/services/proposals/invite-coauthor";
import { publishProposal } from "@/lib/services/proposals/publish-proposal";
import { resolveMergeConflict, type ConflictResolution } from "@/lib/services/proposals/resolve-conflict";
import { reviewProposal } from "@/lib/services/proposals/review-proposal";
import { submitProposal } from "@/lib/services/proposals/submit-proposal";
import { withdrawProposal } from "@/lib/services/proposals/withdraw-proposal";
import { formatCalendarDate } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";

const proposalPath = (id: string, anchor = "") => `/lam-viec/de-xuat/${id}${anchor}`;

export async function createProposalAction(_state: NewProposalState, form: FormData): Promise<NewProposalState> {
  let id: string;
  try {
    const actor = requireActor(await getCurrentActor());
    authorize(actor, "proposal:create");
    await enforceRateLimit("proposalCreate", personRateKey(actor));
    const proposal = await createProposal({
      actor,
      documentSlug: formString(form, "document"),
      input: { title: formString(form, "title"), rationale: formString(form, "rationale"), legalBasis: formString(form, "legalBasis") },
    });
    id = proposal.id;
  } catch (error) {
    const locale = await getLocale();
    if (isAppError(error)) return { error: renderErrorMessage(error, locale) };
    console.error("[action] create proposal failed", error);
    return { error: messages(locale).errors.proposalNotCreated() };
  }
  const section = formString(form, "section");
  redirect(proposalPath(id, section ? `?muc=${encodeURIComponent(section)}` : ""));
}

export async function submitProposalAction(form: FormData) {
  const id = formString(form, "proposalId");
  await runFormAction(proposalPath(id), async () => {
    await submitProposal({ actor: requireActor(await getCurrentActor()), proposalId: id, writer: collabDraftWriter });
    return "Đã gửi thẩm định.";
  });
}

export async function withdrawProposalAction(form: FormData) {
  const id = formString(form, "proposalId");
  await runFormAction(proposalPath(id), async () => {
    await withdrawProposal({ actor: requireActor(await getCurrentActor()), proposalId: id });
    return "Đã rút đề xuất.";
  });
}

export async function reviewProposalAction(form: FormData) {
  const id = formString(form, "proposalId");
  await runFormAction(proposalPath(id, "#review"), async () => {
    const decision = formString(form, "decision");
    if (decision !== "approve" && decision !== "request_changes" && decision !== "reject") {
      throw new AppError("BAD_REQUEST", "reviewDecisionRequired");
    }
    await reviewProposal({
      actor: requireActor(await getCurrentActor()),
      proposalId: id,
      input: {
        decision,
        comment: formString(form, "comment"),
        contentHash: formString(form, "contentHash") || undefined,
        // Made in the reviewer's browser (components/proposal/SignedReviewForm.tsx).
        signature: formString(form, "signature") || undefined,
      },
    });
    return "Đã ghi nhận ý kiến thẩm định.";
  });
}

export async function publishProposalAction(form: FormData) {
  const id = formString(form, "proposalId");
  await runFormAction(proposalPath(id), async () => {
    const outcome = await publishProposal({
      actor: requireActor(await getCurrentActor()),
      proposalId: id,
      writer: collabDraftWriter,
      effectiveFrom: formString(form, "effectiveFrom") || null,
    });
    if (outcome.kind === "published") {
      const { t, locale } = await getMessages();
      return t.publication.publishedVersion({ number: outcome.version.number, effectiveFrom: formatCalendarDate(outcome.version.effectiveFrom, locale) });
    }
    return outcome.conflicts.length > 0
      ? `Phiên bản hiện hành đã thay đổi: ${outcome.conflicts.length} xung đột được gửi lại cho người soạn thảo.`
      : "Phiên bản hiện hành đã thay đổi: bản hợp nhất cần được phê duyệt lại.";
  });
}

export async function addCommentAction(form: FormData) {
  const id = formString(form, "proposalId");
  await runFormAction(proposalPath(id, "#comments"), async () => {
    const anchor = formString(form, "anchor");
    const [sectionId, blockId] = anchor ? anchor.split("|") : [];
    const actor = requireActor(await getCurrentActor());
    await enforceRateLimit("comment", personRateKey(actor));
    await addComment({
      actor,
      proposalId: id,
      input: {
        body: formString(form, "body"),
        sectionId: sectionId || undefined,
        blockId: blockId || undefined,
        parentId: formString(form, "parentId") || undefined,
        range: rangeFromForm(form),
      },
      writer: collabDraftWriter,
    });
    return "Đã gửi bình luận.";
  });
}

/** A comment on selected words: the editor's hidden fields (section and the two Yjs relative positions). */
function rangeFromForm(form: FormData) {
  const sectionId = formString(form, "rangeSectionId");
  const start = formString(form, "rangeStart");
  const end = formString(form, "rangeEnd");
  return sectionId && start && end ? { sectionId, start, end } : undefined;
}

export async function inviteCoauthorAction(form: FormData) {
  const id = formString(form, "proposalId");
  await runFormAction(proposalPath(id, "#authors"), async () => {
    const result = await inviteCoauthor({ actor: requireActor(await getCurrentActor()), proposalId: id, email: formString(form, "email") });
    return result.added ? "Đã thêm người cùng soạn." : "Người này đã là người cùng soạn.";
  });
}

export async function allowOtherOrgsAction(form: FormData) {
  const id = formString(form, "proposalId");
  await runFormAction(proposalPath(id, "#authors"), async () => {
    await allowOtherOrganizations({ actor: requireActor(await getCurrentActor()), proposalId: id, allow: form.get("allow") === "on" });
    return "Đã lưu.";
  });
}

export async function changeStructureAction(form: FormData) {
  const id = formString(form, "proposalId");
  const sectionId = formString(form, "sectionId");
  await runFormAction(proposalPath(id, sectionId ? `?muc=${encodeURIComponent(sectionId)}#sections` : "#sections"), async () => {
    const kind = formString(form, "kind");
    let change: StructureChange;
    if (kind === "add") change = { kind, title: formString(form, "title"), afterSectionId: sectionId || null };
    else if (kind === "rename") change = { kind, sectionId, title: formString(form, "title") };
    else if (kind === "move") change = { kind, sectionId, direction: formString(form, "direction") === "up" ? "up" : "down" };
    else if (kind === "remove" || kind === "restore") change = { kind, sectionId };
    else return "Không có thay đổi.";
    await changeDraftStructure({ actor: requireActor(await getCurrentActor()), proposalId: id, change });
    return "Đã cập nhật cấu trúc bản nháp.";
  });
}

export async function resolveConflictAction(form: FormData) {
  const id = formString(form, "proposalId");
  await runFormAction(proposalPath(id, "#conflicts"), async () => {
    const resolution = formString(form, "resolution") as ConflictResolution;
    if (!["keep_head", "keep_proposal", "edited"].includes(resolution)) return "Không có thay đổi.";
    await resolveMergeConflict({ actor: requireActor(await getCurrentActor()), proposalId: id, conflictId: formString(form, "conflictId"), resolution, writer: collabDraftWriter });
    return "Đã xử lý xung đột.";
  });
}
