import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BlockCommentForm } from "@/components/consultation/BlockCommentForm";
import { DocumentDiffView } from "@/components/diff/DocumentDiffView";
import { FlashMessage } from "@/components/ui/FlashMessage";
import { getCurrentActor } from "@/lib/auth/current";
import { DISPOSITIONS } from "@/lib/domain/consultation";
import { isEmptyDiff } from "@/lib/domain/diff";
import { blockId, type SectionContent } from "@/lib/domain/document";
import { renderSectionHtml } from "@/lib/editor/content";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { getConsultationView, type ConsultationView } from "@/lib/services/consultation/consultation-view";
import { paragraphLabel } from "@/lib/services/consultation/consultation-report";
import {
  answerConsultationCommentAction,
  consultationCommentAction,
  moderateConsultationCommentAction,
  reportConsultationCommentAction,
} from "../actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ document: string; id: string }>; searchParams: Promise<{ ok?: string; error?: string }> };

async function load(id: string): Promise<ConsultationView> {
  try {
    return await getConsultationView({ actor: await getCurrentActor(), proposalId: id });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { t } = await getMessages();
  try {
    const view = await getConsultationView({ actor: await getCurrentActor(), proposalId: id });
    return { title: t.consultation.pageTitle({ title: view.proposal.title }) };
  } catch {
    return { title: t.consultation.heading };
  }
}

/** “Góp ý”: the public consultation on a proposal, its draft, its diff, the comments and the report. */
export default async function ConsultationPage({ params, searchParams }: Props) {
  const { document, id } = await params;
  const { ok, error } = await searchParams;
  const view = await load(id);
  if (view.proposal.document.slug !== document) notFound();
  const { locale, t } = await getMessages();
  const c = t.consultation;
  const { phase, opensAt, closesAt } = view.consultation;
  const phaseText =
    phase === "open"
      ? c.phase.open({ closesAt: formatDateTime(closesAt, locale) })
      : phase === "closed"
        ? c.phase.closed({ closesAt: formatDateTime(closesAt, locale) })
        : c.phase.scheduled({ opensAt: formatDateTime(opensAt, locale) });
  const words = { commentOnBlock: c.commentOnBlock, commentOnSelection: c.commentOnSelection, selectedQuote: c.selectedQuote, yourComment: c.yourComment, send: c.send, selectionHint: c.selectionHint };
  const { canComment, canAnswer, canModerate, signedIn } = view.permissions;
  const reportBase = `/api/v1/proposals/${encodeURIComponent(view.proposal.id)}/consultation/report`;
  const hidden = (name: string, value: string) => <input type="hidden" name={name} value={value} />;
  const common = (commentId: string) => (
    <>
      {hidden("proposalId", view.proposal.id)}
      {hidden("document", view.proposal.document.slug)}
      {hidden("commentId", commentId)}
    </>
  );

  return (
    <>
      <p className="meta"><Link href={`/${view.proposal.document.slug}`}>{view.proposal.document.title}</Link> / {c.heading}</p>
      <h1>{c.pageTitle({ title: view.proposal.title })}</h1>
      <FlashMessage ok={ok} error={error} okText={c.sentPublished} />
      <p className={phase === "closed" ? "notice notice--warn" : "notice"} role="status" data-testid="consultation-phase">{phaseText}</p>
      <section className="card">
        <p>{c.intro}</p>
        <dl className="proposal-facts">
          <dt>{c.window}</dt><dd>{c.from} {formatDateTime(opensAt, locale)} {c.to} {formatDateTime(closesAt, locale)}</dd>
          <dt>{c.proposalBy}</dt><dd>{view.proposal.organizationName}</dd>
          <dt>{c.rationale}</dt><dd>{view.proposal.rationale}</dd>
          {view.proposal.legalBasis && (<><dt>{c.legalBasis}</dt><dd>{view.proposal.legalBasis}</dd></>)}
        </dl>
        {phase === "open" && !signedIn && (
          <p><Link className="button" href={`/dang-nhap?callbackUrl=${encodeURIComponent(`/${document}/gop-y/${id}`)}`}>{c.signInToComment}</Link> <Link href="/dang-ky">{c.registerToComment}</Link></p>
        )}
      </section>

      <section className="card" aria-labelledby="consultation-diff">
        <h2 id="consultation-diff">{c.diffHeading({ version: view.proposal.baseVersionNumber })}</h2>
        {isEmptyDiff(view.diff) ? <p>{c.noChanges}</p> : <DocumentDiffView diff={view.diff} mode="inline" locale={locale} />}
      </section>

      <section aria-labelledby="consultation-draft">
        <h2 id="consultation-draft">{c.draftHeading}</h2>
        {view.sections.map((section) => (
          <article key={section.id} className="card section-article" aria-labelledby={`draft-${section.id}`}>
            <h3 id={`draft-${section.id}`}>{section.title}</h3>
            {(section.content as SectionContent).content.map((block, index) => {
              const id = blockId(block);
              const html = renderSectionHtml({ type: "doc", content: [block] });
              if (!id) return <div key={`${section.id}-${index}`} className="prose" dangerouslySetInnerHTML={{ __html: html }} />;
              return (
                <BlockCommentForm key={id} html={html} sectionId={section.id} blockId={id} proposalId={view.proposal.id} document={view.proposal.document.slug} canComment={canComment} action={consultationCommentAction} words={words} />
              );
            })}
          </article>
        ))}
      </section>

      <section className="card" aria-labelledby="gop-y" id="gop-y-section">
        <h2 id="gop-y">{c.commentsHeading({ count: view.comments.length })}</h2>
        {canComment && (
          <form action={consultationCommentAction} className="stack" data-testid="comment-whole">
            {hidden("proposalId", view.proposal.id)}
            {hidden("document", view.proposal.document.slug)}
            <label htmlFor="comment-whole">{c.commentWhole}</label>
            <textarea id="comment-whole" name="body" required maxLength={5000} rows={3} />
            <button className="button" type="submit">{c.send}</button>
          </form>
        )}
        {view.comments.length === 0 ? (
          <p>{c.noComments}</p>
        ) : (
          <ol className="comment-list" data-testid="consultation-comments">
            {view.comments.map((comment) => (
              <li key={comment.id} id={`y-${comment.id}`} className="card" data-testid="consultation-comment">
                <p className="meta">
                  <strong>{comment.author.name}</strong> · {formatDateTime(comment.createdAt, locale)} · {paragraphLabel(comment, locale)}{" "}
                  {comment.status === "PENDING" && <span className="badge badge--warn">{c.pending}</span>}
                  {comment.status === "HIDDEN" && <span className="badge badge--accent">{c.hidden}</span>}
                </p>
                <p style={{ whiteSpace: "pre-wrap" }}>{comment.body}</p>
                {comment.status === "HIDDEN" && (
                  <p className="meta">{comment.hiddenAutomatically ? c.hiddenByReports({ reports: comment.reports }) : c.hiddenReason({ reason: comment.hiddenReason ?? "" })}</p>
                )}
                <div className="notice" data-testid="consultation-answer">
                  <strong>{c.answerHeading}:</strong>{" "}
                  {comment.answer ? (
                    <>
                      <span className="badge badge--ok">{c.dispositions[comment.answer.disposition]}</span> <span style={{ whiteSpace: "pre-wrap" }}>{comment.answer.reason}</span>
                    </>
                  ) : (
                    c.noAnswer
                  )}
                </div>
                {canAnswer && comment.status === "PUBLISHED" && (
                  <form action={answerConsultationCommentAction} className="inline-form" data-testid="answer-form">
                    {common(comment.id)}
                    <label htmlFor={`disposition-${comment.id}`}>{c.answerLabel}</label>
                    <select id={`disposition-${comment.id}`} name="disposition" defaultValue={comment.answer?.disposition ?? "accepted"}>
                      {DISPOSITIONS.map((disposition) => (
                        <option key={disposition} value={disposition}>{c.dispositions[disposition]}</option>
                      ))}
                    </select>
                    <label htmlFor={`reason-${comment.id}`}>{c.reasonLabel}</label>
                    <input id={`reason-${comment.id}`} name="reason" required maxLength={5000} defaultValue={comment.answer?.reason ?? ""} />
                    <button className="button button--small" type="submit">{c.answerButton}</button>
                  </form>
                )}
                {canModerate && (
                  <div className="toolbar" aria-label={c.moderation}>
                    {comment.status !== "PUBLISHED" && (
                      <form action={moderateConsultationCommentAction}>
                        {common(comment.id)}
                        {hidden("decision", "publish")}
                        <button className="button button--small" type="submit">{c.publishComment}</button>
                      </form>
                    )}
                    {comment.status !== "HIDDEN" && (
                      <form action={moderateConsultationCommentAction} className="inline-form">
                        {common(comment.id)}
                        {hidden("decision", "hide")}
                        <label htmlFor={`hide-${comment.id}`}>{c.hideReason}</label>
                        <input id={`hide-${comment.id}`} name="reason" required maxLength={1000} />
                        <button className="button button--small button--secondary" type="submit">{c.hideComment}</button>
                      </form>
                    )}
                  </div>
                )}
                {signedIn && !comment.mine && comment.status === "PUBLISHED" && (
                  <form action={reportConsultationCommentAction}>
                    {common(comment.id)}
                    <button className="button button--small button--secondary" type="submit">{c.report}</button>
                  </form>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="card" aria-labelledby="consultation-report" data-testid="consultation-report">
        <h2 id="consultation-report">{c.reportHeading}</h2>
        <dl className="proposal-facts">
          <dt>{c.figureReceived}</dt><dd>{view.figures.received}</dd>
          <dt>{c.figureCommenters}</dt><dd>{view.figures.commenters}</dd>
          <dt>{c.figureAnswered}</dt><dd>{view.figures.answered}</dd>
          <dt>{c.figureUnanswered}</dt><dd>{view.figures.unanswered}</dd>
          {DISPOSITIONS.map((disposition) => (
            <div key={disposition}><dt>{c.dispositions[disposition]}</dt><dd>{view.figures.byDisposition[disposition]}</dd></div>
          ))}
        </dl>
        {view.proposal.publishedVersion && (
          <p><Link href={`/${view.proposal.document.slug}/v/${view.proposal.publishedVersion.number}`}>{c.reportVersion({ version: view.proposal.publishedVersion.number })}</Link></p>
        )}
        <p>
          {c.reportDownloads}: <a href={`${reportBase}?format=html`}>HTML</a> · <a href={`${reportBase}?format=csv`}>CSV</a> · <a href={`${reportBase}?format=pdf`}>PDF</a>
        </p>
      </section>
    </>
  );
}
