import Link from "next/link";
import type { ProposalView } from "@/lib/services/proposals/proposal-view";
import type { Messages } from "@/lib/i18n/messages";

type FormAction = (form: FormData) => Promise<void>;

/** The draft's sections: pick one to edit, and (for authors) add, rename, reorder or remove sections. */
export function SectionsPanel({
  view,
  labels,
  selectedId,
  canEdit,
  action,
}: {
  view: ProposalView;
  labels: Messages["proposal"];
  selectedId: string | null;
  canEdit: boolean;
  action: FormAction;
}) {
  const hidden = (sectionId: string) => (
    <>
      <input type="hidden" name="proposalId" value={view.id} />
      <input type="hidden" name="sectionId" value={sectionId} />
    </>
  );
  return (
    <nav aria-labelledby="sections" className="card">
      <h2 id="sections">{labels.sections}</h2>
      <ol className="draft-sections">
        {view.sections.map((section) => (
          <li key={section.id} className={section.removed ? "draft-sections__removed" : undefined}>
            {section.removed ? (
              <del>{section.title}</del>
            ) : (
              <Link href={`/lam-viec/de-xuat/${view.id}?muc=${encodeURIComponent(section.id)}`} aria-current={section.id === selectedId ? "true" : undefined}>
                {section.title}
              </Link>
            )}{" "}
            {section.isNew && <span className="badge badge--ok">{labels.added}</span>}
            {section.removed && <span className="badge badge--accent">{labels.removed}</span>}
            {canEdit && (
              <span className="inline-form draft-sections__tools">
                {section.removed ? (
                  <form action={action}>{hidden(section.id)}<input type="hidden" name="kind" value="restore" /><button className="button button--small button--secondary" type="submit">{labels.restore}</button></form>
                ) : (
                  <>
                    <form action={action}>{hidden(section.id)}<input type="hidden" name="kind" value="move" /><input type="hidden" name="direction" value="up" /><button className="button button--small button--secondary" type="submit" aria-label={`${labels.moveUp}: ${section.title}`}>↑</button></form>
                    <form action={action}>{hidden(section.id)}<input type="hidden" name="kind" value="move" /><input type="hidden" name="direction" value="down" /><button className="button button--small button--secondary" type="submit" aria-label={`${labels.moveDown}: ${section.title}`}>↓</button></form>
                    <form action={action}>{hidden(section.id)}<input type="hidden" name="kind" value="remove" /><button className="button button--small button--secondary" type="submit" aria-label={`${labels.remove}: ${section.title}`}>{labels.remove}</button></form>
                  </>
                )}
              </span>
            )}
          </li>
        ))}
      </ol>
      {canEdit && selectedId && (
        <form action={action} className="inline-form">
          {hidden(selectedId)}
          <input type="hidden" name="kind" value="rename" />
          <label htmlFor="rename-title">{labels.rename}</label>
          <input id="rename-title" name="title" required maxLength={200} defaultValue={view.sections.find((section) => section.id === selectedId)?.title} />
          <button className="button button--small" type="submit">{labels.rename}</button>
        </form>
      )}
      {canEdit && (
        <form action={action} className="inline-form">
          {hidden(selectedId ?? "")}
          <input type="hidden" name="kind" value="add" />
          <label htmlFor="new-section-title">{labels.newSectionTitle}</label>
          <input id="new-section-title" name="title" required maxLength={200} />
          <button className="button button--small" type="submit">{labels.addSection}</button>
        </form>
      )}
    </nav>
  );
}
