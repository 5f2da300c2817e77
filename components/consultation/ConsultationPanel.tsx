import Link from "next/link";
import type { Messages } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/locales";
import { formatDateTime } from "@/lib/i18n/format";
import type { ConsultationView } from "@/lib/services/consultation/consultation-view";

/** The proposal page's view of its public consultation: open one, or follow it and its answers. */
export function ConsultationPanel(props: {
  proposalId: string;
  documentSlug: string;
  minDays: number;
  view: ConsultationView | null;
  canOpen: boolean;
  action: (form: FormData) => Promise<void>;
  t: Messages["consultation"];
  locale: Locale;
  /** Suggested dates for the form, as datetime-local values in Vietnam time. */
  defaults: { opensAt: string; closesAt: string };
}) {
  const { t, view } = props;
  const publicPath = `/${props.documentSlug}/gop-y/${props.proposalId}`;
  return (
    <section className="card" aria-labelledby="gop-y" id="gop-y-panel" data-testid="consultation-panel">
      <h2 id="gop-y">{t.panelHeading}</h2>
      {view ? (
        <>
          <p>
            {t.window}: {t.from} {formatDateTime(view.consultation.opensAt, props.locale)} {t.to} {formatDateTime(view.consultation.closesAt, props.locale)}
          </p>
          <p data-testid="consultation-unanswered">{view.figures.unanswered > 0 ? t.unanswered({ count: view.figures.unanswered }) : t.allAnswered}</p>
          <p><Link href={publicPath}>{t.publicPage}</Link></p>
        </>
      ) : (
        <p>{t.panelNone}</p>
      )}
      {!view && props.canOpen && (
        <form action={props.action} className="inline-form" data-testid="open-consultation">
          <input type="hidden" name="proposalId" value={props.proposalId} />
          <label htmlFor="consultation-opens">{t.opensAt}</label>
          <input id="consultation-opens" name="opensAt" type="datetime-local" required defaultValue={props.defaults.opensAt} />
          <label htmlFor="consultation-closes">{t.closesAt}</label>
          <input id="consultation-closes" name="closesAt" type="datetime-local" required defaultValue={props.defaults.closesAt} />
          <button className="button" type="submit">{t.openButton}</button>
          <p className="meta">{t.minDays({ days: props.minDays })}</p>
        </form>
      )}
    </section>
  );
}
