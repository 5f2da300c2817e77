import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { DocumentDiffView, type DiffRemark } from "@/components/diff/DocumentDiffView";
import { ProposalSectionEditor } from "@/components/editor/ProposalSectionEditor";
import { FlashMessage } from "@/components/ui/FlashMessage";
import { messages } from "@/lib/i18n/messages";
import { LiveStatus } from "@/components/proposal/LiveStatus";
import { CommentThread, ConflictsPanel, PolicyChecklist, ReviewList, Timeline } from "@/components/proposal/ProposalPanels";
import { SignedReviewForm } from "@/components/proposal/SignedReviewForm";
import { SectionsPanel } from "@/components/proposal/SectionsPanel";
import { ConsultationPanel } from "@/components/consultation/ConsultationPanel";
import { getConsultationView, type ConsultationView } from "@/lib/services/consultation/consultation-view";
import { openConsultationAction } from "@/app/[document]/gop-y/actions";
import { getCurrentActor } from "@/lib/auth/current";
import { isEmptyDiff } from "@/lib/domain/diff";
import { STATUS_LABELS, isProposalStatus } from "@/lib/domain/proposal-state";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { can } from "@/lib/policies";
import { getProposalView, type ProposalView } from "@/lib/services/proposals/proposal-view";
import { earliestEffectiveDateFor } from "@/lib/services/publication/publish-options";
import { formatCalendarDate } from "@/lib/i18n/format";
import {
  addCommentAction,
  allowOtherOrgsAction,
  changeStructureAction,
  inviteCoauthorAction,
  publishProposalAction,
  resolveConflictAction,
  reviewProposalAction,
  submitProposalAction,
  withdrawProposalAction,
} from "../actions";

/** Comments on words, for the diff view: where their words are now in the draft. */
function diffRemarks(comments: ProposalView["comments"]): DiffRemark[] {
  return comments.flatMap((comment) =>
    comment.range ? [{ id: comment.id, sectionId: comment.range.sectionId, start: comment.range.start, end: comment.range.end, author: comment.author.name, body: comment.body }] : [],
  );
}

export const metadata: Metadata = { title: "Đề xuất sửa đổi" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ muc?: string; ok?: string; error?: string }> };

export default async function ProposalPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { muc, ok, error } = await searchParams;
  const actor = await getCurrentActor();
  if (!actor) redirect(`/dang-nhap?callbackUrl=${encodeURIComponent(`/lam-viec/de-xuat/${id}`)}`);
  const { locale, t } = await getMessages();
  const labels = messages(locale).proposal;
  let view: ProposalView;
  try {
    view = await getProposalView({ actor, proposalId: id });
  } catch (caught) {
    if (isAppError(caught) && caught.code === "NOT_FOUND") notFound();
    if (isAppError(caught) && caught.code === "FORBIDDEN") forbidden();
    throw caught;
  }
  const resource = view.resource;
  const canEdit = can(actor, "proposal:edit", resource);
  const activeSections = view.sections.filter((section) => !section.removed);
  const selected = activeSections.find((section) => section.id === muc) ?? activeSections[0] ?? null;
  const statusLabel = isProposalStatus(view.status) ? STATUS_LABELS[view.status][locale] : view.status;
  const canSubmit = can(actor, "proposal:submit", resource) && (view.status === "DRAFT" || view.status === "CHANGES_REQUESTED");
  const canWithdraw = can(actor, "proposal:withdraw", resource) && !["PUBLISHED", "REJECTED", "WITHDRAWN"].includes(view.status);
  const canReview = can(actor, "proposal:review", resource) && !view.editors.some((edit) => edit.userId === actor.id);
  const canPublish = can(actor, "proposal:publish", resource);
  const earliestEffective = canPublish ? await earliestEffectiveDateFor({ slug: view.document.slug }) : null;
  let consultation: ConsultationView | null = null;
  try {
    consultation = await getConsultationView({ actor, proposalId: view.id });
  } catch (caught) {
    if (!(isAppError(caught) && caught.code === "NOT_FOUND")) throw caught;
  }

  return (
    <>
      <LiveStatus proposalId={view.id} />
      <p className="meta"><Link href="/lam-viec">{t.workspace.title}</Link> / {labels.breadcrumb}</p>
      <h1>{view.title}</h1>
      <FlashMessage ok={ok} error={error} okText={t.admin.saved} />
      <section className="card" aria-label={labels.status}>
        <p>
          <span className="badge badge--accent" data-testid="proposal-status" aria-live="polite">{statusLabel}</span>{" "}
          {view.publishedVersion && (
            <>
              {labels.publishedAs}{" "}
              <Link href={`/${view.document.slug}/v/${view.publishedVersion.number}`}>{view.publishedVersion.number}</Link>
            </>
          )}
        </p>
        <dl className="proposal-facts">
          <dt>{labels.ministry}</dt><dd>{view.organization.name}</dd>
          <dt>{labels.authors}</dt><dd id="authors">{view.authors.map((author) => author.name).join(", ")}</dd>
          <dt>{labels.base}</dt><dd><Link href={`/${view.document.slug}/v/${view.baseVersion.number}`}>{view.baseVersion.number}</Link> · {formatDateTime(new Date(view.createdAt), locale)}</dd>
          <dt>{labels.rationale}</dt><dd>{view.rationale}</dd>
          {view.legalBasis && (<><dt>{labels.legalBasis}</dt><dd>{view.legalBasis}</dd></>)}
        </dl>
        <div className="toolbar">
          {canSubmit && (
            <form action={submitProposalAction}><input type="hidden" name="proposalId" value={view.id} /><button className="button" type="submit">{labels.submit}</button></form>
          )}
          {canPublish && earliestEffective && (
            <form action={publishProposalAction} className="inline-form publish-form">
              <input type="hidden" name="proposalId" value={view.id} />
              <label htmlFor="effective-from">{t.publication.effectiveFromLabel}</label>
              <input id="effective-from" name="effectiveFrom" type="date" min={earliestEffective} defaultValue={earliestEffective} aria-describedby="effective-from-hint" />
              <button className="button" type="submit">{labels.publish}</button>
              <p id="effective-from-hint" className="meta">{t.publication.effectiveFromHint({ earliest: formatCalendarDate(earliestEffective, locale) })}</p>
            </form>
          )}
          {canWithdraw && (
            <form action={withdrawProposalAction}><input type="hidden" name="proposalId" value={view.id} /><button className="button button--secondary" type="submit">{labels.withdraw}</button></form>
          )}
        </div>
        {can(actor, "proposal:invite", resource) && (
          <form action={inviteCoauthorAction} className="inline-form">
            <input type="hidden" name="proposalId" value={view.id} />
            <label htmlFor="invite-email">{labels.invite}</label>
            <input id="invite-email" name="email" type="email" required />
            <button className="button button--small" type="submit">{labels.inviteButton}</button>
          </form>
        )}
        {can(actor, "admin:manage") && (
          <form action={allowOtherOrgsAction} className="inline-form">
            <input type="hidden" name="proposalId" value={view.id} />
            <label className="inline-form"><input type="checkbox" name="allow" defaultChecked={view.allowOtherOrgs} style={{ width: "auto" }} /> {labels.allowOtherOrgs}</label>
            <button className="button button--small button--secondary" type="submit">{t.admin.save}</button>
          </form>
        )}
      </section>

      <ConflictsPanel view={view} labels={labels} action={resolveConflictAction} canResolve={can(actor, "proposal:resolve", resource)} />

      <div className="proposal-layout">
        <SectionsPanel view={view} labels={labels} selectedId={selected?.id ?? null} canEdit={canEdit} action={changeStructureAction} />
        <section aria-labelledby="editor-heading" className="card">
          <h2 id="editor-heading">{labels.editing}: {selected?.title ?? labels.none}</h2>
          {!canEdit && <p className="meta">{labels.readOnly}</p>}
          {selected && (
            <ProposalSectionEditor
              key={selected.id}
              proposalId={view.id}
              sectionId={selected.id}
              sectionTitle={selected.title}
              user={{ id: actor.id, name: actor.name }}
              editable={canEdit}
              tokenUrl={`/api/v1/proposals/${view.id}/sections/${selected.id}/collab`}
              labels={messages(locale).editor}
              canComment={can(actor, "proposal:comment", resource)}
              suggest={{ canSuggest: can(actor, "proposal:suggest", resource), canDecide: canEdit, labels: messages(locale).suggestions, locale }}
              comments={view.comments.flatMap((comment) =>
                comment.anchor?.live && comment.anchor.sectionId === selected.id
                  ? [{ id: comment.id, authorName: comment.author.name, body: comment.body, quote: comment.range?.quote ?? comment.anchor.quote, live: comment.anchor.live }]
                  : [],
              )}
            />
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="changes">
        <h2 id="changes">{labels.changes} {view.baseVersion.number}</h2>
        {isEmptyDiff(view.diff) ? <p>{labels.noChanges}</p> : <DocumentDiffView diff={view.diff} mode="inline" locale={locale} remarks={diffRemarks(view.comments)} />}
      </section>

      <ConsultationPanel
        proposalId={view.id}
        documentSlug={view.document.slug}
        minDays={consultation?.proposal.document.minDays ?? view.document.consultationMinDays}
        view={consultation}
        canOpen={can(actor, "consultation:open", resource)}
        action={openConsultationAction}
        t={t.consultation}
        locale={locale}
        defaults={consultationDefaults(view.document.consultationMinDays)}
      />
      <PolicyChecklist view={view} locale={locale} labels={labels} />
      {canReview && (
        <SignedReviewForm
          proposalId={view.id}
          userId={actor.id}
          contentHash={view.contentHash}
          approvalPayload={view.approvalPayload}
          action={reviewProposalAction}
          labels={{
            review: labels.review,
            reviewBoundHint: labels.reviewBoundHint,
            approve: labels.approve,
            requestChanges: labels.requestChanges,
            reject: labels.reject,
            reviewComment: labels.reviewComment,
            sendReview: labels.sendReview,
          }}
          words={messages(locale).approvals}
        />
      )}
      <ReviewList view={view} locale={locale} labels={labels} words={messages(locale).approvals} />
      <CommentThread view={view} locale={locale} labels={labels} action={addCommentAction} canComment={can(actor, "proposal:comment", resource)} />
      <Timeline view={view} locale={locale} labels={labels} />
    </>
  );
}

/** The form's suggested window: from now, one day longer than the minimum, as Vietnam-time datetime-local values. */
function consultationDefaults(minDays: number): { opensAt: string; closesAt: string } {
  const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;
  const local = (at: number) => new Date(at + VIETNAM_OFFSET_MS).toISOString().slice(0, 16);
  const now = Date.now();
  return { opensAt: local(now), closesAt: local(now + (minDays + 1) * 24 * 3600 * 1000) };
}
