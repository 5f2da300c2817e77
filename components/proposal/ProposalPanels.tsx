import type { ProposalView } from "@/lib/services/proposals/proposal-view";
import type { Locale } from "@/lib/i18n/locales";
import { formatDateTime } from "@/lib/i18n/format";
import { plainText, type RichNode } from "@/lib/domain/document";
import type { WordChange } from "@/lib/domain/diff";
import { highlightConflict } from "@/lib/domain/merge/highlight";
import type { Messages } from "@/lib/i18n/messages";

/** Server-rendered pieces of the proposal page; forms post to server actions and work without JavaScript. */

type FormAction = (form: FormData) => Promise<void>;

export function PolicyChecklist({ view, locale, labels }: { view: ProposalView; locale: Locale; labels: Messages["proposal"] }) {
  return (
    <section className="card" aria-labelledby="checklist">
      <h2 id="checklist">{labels.checklist}</h2>
      <ul className="checklist" data-testid="policy-checklist">
        {view.policy.checklist.map((item) => (
          <li key={item.key} className={item.ok ? "checklist__ok" : "checklist__missing"}>
            <span aria-hidden="true">{item.ok ? "✓" : "✗"}</span>{" "}
            <span className="visually-hidden">{item.ok ? labels.checkMet : labels.checkUnmet}</span>
            {item.label[locale]}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ReviewList({ view, locale, labels, words }: { view: ProposalView; locale: Locale; labels: Messages["proposal"]; words: Messages["approvals"] }) {
  if (view.reviews.length === 0) return null;
  const decisionLabel = { APPROVE: labels.approve, REQUEST_CHANGES: labels.requestChanges, REJECT: labels.reject } as Record<string, string>;
  const reason = (review: ProposalView["reviews"][number]) => {
    if (review.counted) return labels.counted;
    if (review.reasonNotCounted === "stale") return labels.stale;
    if (review.reasonNotCounted === "self_review") return labels.selfReview;
    if (review.reasonNotCounted === "superseded") return labels.superseded;
    return review.stale ? labels.stale : "";
  };
  const signing = { signed: words.signed, invalid: words.invalid, unsigned: words.unsigned, "unsigned-legacy": words.unsignedLegacy } as const;
  return (
    <section className="card" aria-labelledby="reviews">
      <h2 id="reviews">{labels.reviews}</h2>
      <ul className="review-list">
        {view.reviews.map((review) => (
          <li key={review.id} data-testid="review">
            <strong>{review.reviewer.name}</strong> ({review.reviewer.organization ?? labels.none}) — {decisionLabel[review.decision] ?? review.decision}{" "}
            <span className={`badge ${review.counted ? "badge--ok" : "badge--warn"}`}>{reason(review)}</span>
            {review.decision === "APPROVE" && (
              <>
                {" "}
                <span className={`badge ${review.signing === "signed" ? "badge--ok" : "badge--warn"}`} data-testid="review-signing" data-signing={review.signing}>
                  {signing[review.signing]}
                </span>
              </>
            )}
            {review.keyFingerprint && (
              <>
                <br />
                <span className="meta">
                  {words.fingerprint}: <code data-testid="review-fingerprint">{review.keyFingerprint}</code>
                </span>
              </>
            )}
            <br />
            <span className="meta">{formatDateTime(new Date(review.createdAt), locale)}</span>
            {review.comment && <p>{review.comment}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function blockOptions(view: ProposalView): { value: string; label: string }[] {
  const options: { value: string; label: string }[] = [];
  for (const section of view.sections) {
    if (section.removed) continue;
    for (const block of section.content.content) {
      const id = typeof block.attrs?.id === "string" ? block.attrs.id : null;
      if (!id) continue;
      const text = plainText(block).trim();
      if (!text) continue;
      options.push({ value: `${section.id}|${id}`, label: `${section.title}: ${text.slice(0, 60)}${text.length > 60 ? "…" : ""}` });
    }
  }
  return options;
}

export function CommentThread({
  view,
  locale,
  labels,
  action,
  canComment,
}: {
  view: ProposalView;
  locale: Locale;
  labels: Messages["proposal"];
  action: FormAction;
  canComment: boolean;
}) {
  const options = blockOptions(view);
  const blockLabel = new Map(options.map((option) => [option.value, option.label]));
  const roots = view.comments.filter((comment) => !comment.parentId);
  const replies = (id: string) => view.comments.filter((comment) => comment.parentId === id);
  const anchorOf = (comment: ProposalView["comments"][number]) =>
    comment.sectionId && comment.blockId ? blockLabel.get(`${comment.sectionId}|${comment.blockId}`) ?? null : null;
  return (
    <section className="card" aria-labelledby="comments">
      <h2 id="comments">{labels.comments}</h2>
      <ol className="comment-list">
        {roots.map((comment) => (
          <li key={comment.id} id={`comment-${comment.id}`}>
            <p className="meta">
              <strong>{comment.author.name}</strong> · {formatDateTime(new Date(comment.createdAt), locale)}
              {anchorOf(comment) && <> · {labels.anchor}: <em>{anchorOf(comment)}</em></>}
            </p>
            <p>{comment.body}</p>
            {replies(comment.id).map((reply) => (
              <div key={reply.id} className="comment-reply">
                <p className="meta"><strong>{reply.author.name}</strong> · {formatDateTime(new Date(reply.createdAt), locale)}</p>
                <p>{reply.body}</p>
              </div>
            ))}
            {canComment && (
              <form action={action} className="inline-form">
                <input type="hidden" name="proposalId" value={view.id} />
                <input type="hidden" name="parentId" value={comment.id} />
                <input name="body" aria-label={`${labels.reply}: ${comment.author.name}`} required maxLength={5000} />
                <button className="button button--small button--secondary" type="submit">{labels.reply}</button>
              </form>
            )}
          </li>
        ))}
      </ol>
      {canComment && (
        <form action={action} className="stack">
          <input type="hidden" name="proposalId" value={view.id} />
          <div>
            <label htmlFor="comment-anchor">{labels.anchor}</label>
            <select id="comment-anchor" name="anchor" defaultValue="">
              <option value="">{labels.wholeProposal}</option>
              {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="comment-body">{labels.commentBody}</label>
            <textarea id="comment-body" name="body" required maxLength={5000} />
          </div>
          <button className="button" type="submit">{labels.sendComment}</button>
        </form>
      )}
    </section>
  );
}

export function Timeline({ view, locale, labels }: { view: ProposalView; locale: Locale; labels: Messages["proposal"] }) {
  return (
    <section className="card" aria-labelledby="timeline">
      <h2 id="timeline">{labels.timeline}</h2>
      <ol className="timeline">
        {view.timeline.map((event) => (
          <li key={event.id}>
            <time dateTime={event.at}>{formatDateTime(new Date(event.at), locale)}</time> — {event.actor ?? labels.none}{" "}
            {timelineAction(labels, event.action)}
            {event.action === "version.published" && typeof event.data.number === "number" && <> ({labels.publishedAs} {event.data.number})</>}
          </li>
        ))}
        {view.editors.map((edit) => (
          <li key={`${edit.userId}-${edit.sectionId}`} className="meta">
            {labels.savedEdits(edit.name, edit.updates, view.sections.find((section) => section.id === edit.sectionId)?.title ?? edit.sectionId)}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** What the timeline says an audit action did; an action the catalog does not name shows as it is. */
function timelineAction(labels: Messages["proposal"], action: string): string {
  const actions: Partial<Record<string, string>> = labels.timelineActions;
  return actions[action] ?? action;
}

function conflictText(value: RichNode | string | null): string {
  if (value === null) return "—";
  if (typeof value === "string") return value;
  return plainText(value) || `[${value.type}]`;
}

/**
 * The base, the published text and the proposal's text of one conflict, with what each side
 * changed relative to the base highlighted word by word (the base marks which side touched a
 * stretch), so three near-identical paragraphs read as the two competing edits they are.
 */
function ConflictSides({ conflict, labels }: { conflict: ProposalView["conflicts"][number]; labels: Messages["proposal"] }) {
  const highlight = highlightConflict(conflictText(conflict.base), conflictText(conflict.head), conflictText(conflict.proposal));
  if (!highlight) {
    return (
      <dl className="conflict-sides">
        <dt>{labels.baseSide}</dt><dd>{conflictText(conflict.base)}</dd>
        <dt>{labels.headSide}</dt><dd>{conflictText(conflict.head)}</dd>
        <dt>{labels.proposalSide}</dt><dd>{conflictText(conflict.proposal)}</dd>
      </dl>
    );
  }
  return (
    <dl className="conflict-sides">
      <dt>{labels.baseSide}</dt>
      <dd data-side="base">
        {highlight.base.map((segment, index) => {
          if (!segment.changedByHead && !segment.changedByProposal) return <span key={index}>{segment.text}</span>;
          const by = [segment.changedByHead ? "head" : "", segment.changedByProposal ? "proposal" : ""].filter(Boolean).join(" ");
          return (
            <mark key={index} className={`conflict-mark conflict-mark--${by.replace(" ", "-")}`} data-changed-by={by}>
              {segment.text}
            </mark>
          );
        })}
      </dd>
      <dt>{labels.headSide}</dt>
      <dd data-side="head"><SideWords words={highlight.head} labels={labels} /></dd>
      <dt>{labels.proposalSide}</dt>
      <dd data-side="proposal"><SideWords words={highlight.proposal} labels={labels} /></dd>
    </dl>
  );
}

function SideWords({ words, labels }: { words: readonly WordChange[]; labels: Messages["proposal"] }) {
  return (
    <>
      {words.map((word, index) => {
        if (word.op === "equal") return <span key={index}>{word.text}</span>;
        if (word.op === "delete") {
          return (
            <del key={index} className="diff-del">
              <span className="diff-sr">{labels.conflictRemoved}</span>
              {word.text}
            </del>
          );
        }
        return (
          <ins key={index} className="diff-ins">
            <span className="diff-sr">{labels.conflictAdded}</span>
            {word.text}
          </ins>
        );
      })}
    </>
  );
}

export function ConflictsPanel({ view, labels, action, canResolve }: { view: ProposalView; labels: Messages["proposal"]; action: FormAction; canResolve: boolean }) {
  if (view.conflicts.length === 0) return null;
  return (
    <section className="card notice--error" aria-labelledby="conflicts">
      <h2 id="conflicts">{labels.conflicts} ({view.conflicts.length})</h2>
      <p>{labels.conflictsHint}</p>
      <ol>
        {view.conflicts.map((conflict) => (
          <li key={conflict.id} data-testid="conflict">
            <p className="meta">{view.sections.find((section) => section.id === conflict.sectionId)?.title ?? conflict.sectionId} · {conflict.kind}</p>
            <div className="conflict-layout">
              <ConflictSides conflict={conflict} labels={labels} />
              {canResolve && (
              <form action={action} className="inline-form conflict-choices" aria-label={labels.conflictChoices}>
                <input type="hidden" name="proposalId" value={view.id} />
                <input type="hidden" name="conflictId" value={conflict.id} />
                {conflict.blockId && !conflict.blockId.includes("~") && (
                  <button className="button button--small button--secondary" name="resolution" value="keep_head" type="submit">{labels.keepHead}</button>
                )}
                <button className="button button--small button--secondary" name="resolution" value="keep_proposal" type="submit">{labels.keepProposal}</button>
                <button className="button button--small button--secondary" name="resolution" value="edited" type="submit">{labels.edited}</button>
              </form>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
