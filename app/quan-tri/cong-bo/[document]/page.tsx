import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { orNotFound } from "@/app/[document]/history-data";
import { FlashMessage } from "@/components/ui/FlashMessage";
import { getCurrentActor } from "@/lib/auth/current";
import { MAX_CONSULTATION_MIN_DAYS, MAX_HIDE_AFTER_REPORTS, MIN_CONSULTATION_MIN_DAYS, MIN_HIDE_AFTER_REPORTS, MODERATION_MODES } from "@/lib/domain/consultation";
import { EDITION_NAME_MAX_LENGTH, EDITION_NOTE_MAX_LENGTH, EDITION_SLUG_MAX_LENGTH } from "@/lib/domain/editions";
import { WITHDRAWAL_REASON_MAX_LENGTH } from "@/lib/domain/effective-dates";
import { formatCalendarDate } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { can } from "@/lib/policies";
import { loadPublicationAdmin } from "@/lib/services/publication/publication-admin";
import { createEditionAction, setConsultationSettingsAction, withdrawVersionAction } from "../actions";

type Params = { params: Promise<{ document: string }>; searchParams: Promise<{ ok?: string; error?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.publication.adminLink };
}

/**
 * One document's administration: editions and withdrawals (both append a row, neither edits a
 * version) and the rules its public consultations open with.
 */
export default async function PublicationAdminPage({ params, searchParams }: Params) {
  const { document } = await params;
  const actor = await getCurrentActor();
  if (!actor) redirect(`/dang-nhap?callbackUrl=${encodeURIComponent(`/quan-tri/cong-bo/${document}`)}`);
  const { locale, t } = await getMessages();
  if (!can(actor, "edition:create")) forbidden();
  const { ok, error } = await searchParams;
  const data = await orNotFound(loadPublicationAdmin({ actor, slug: document }));
  const p = t.publication;
  const day = (date: string) => formatCalendarDate(date, locale);
  const newestFirst = [...data.versions].reverse();
  const option = (entry: (typeof data.versions)[number]) => p.versionOption({ number: entry.number, effectiveFrom: day(entry.effectiveFrom), status: p.status[entry.status] });
  const withdrawable = newestFirst.filter((entry) => entry.withdrawnFrom === null);
  const c = t.consultation;

  return (
    <>
      <p className="meta">
        <Link href="/quan-tri">{t.admin.title}</Link> · <Link href={`/${data.document.slug}`}>{data.document.title}</Link>
      </p>
      <h1>{p.adminTitle({ title: data.document.title })}</h1>
      <p className="prose">{p.adminIntro}</p>
      <FlashMessage ok={ok} error={error} okText={t.admin.saved} />

      <section aria-labelledby="editions" className="card">
        <h2 id="editions">{p.editionsHeading}</h2>
        {data.editions.length === 0 ? (
          <p className="meta">{p.editionsNone}</p>
        ) : (
          <ul data-editions>
            {data.editions.map((edition) => (
              <li key={edition.slug}>
                <Link href={`/${data.document.slug}/an-ban/${edition.slug}`}>{edition.name}</Link> — {p.editionOf({ number: edition.version, effectiveFrom: day(edition.effectiveFrom) })}
                {edition.note && <span className="meta"> · {edition.note}</span>}
              </li>
            ))}
          </ul>
        )}
        <h3>{p.editionCreateHeading}</h3>
        <form action={createEditionAction} className="stack">
          <input type="hidden" name="document" value={data.document.slug} />
          <div>
            <label htmlFor="edition-version">{p.editionVersion}</label>
            <select id="edition-version" name="version" defaultValue={String(data.versions.find((entry) => entry.status === "in_force")?.number ?? newestFirst[0]?.number ?? "")}>
              {newestFirst.filter((entry) => entry.status !== "withdrawn").map((entry) => (
                <option key={entry.number} value={entry.number}>{option(entry)}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="edition-name">{p.editionName}</label>
            <input id="edition-name" name="name" required maxLength={EDITION_NAME_MAX_LENGTH} placeholder={p.editionNamePlaceholder} />
          </div>
          <div>
            <label htmlFor="edition-slug">{p.editionSlugLabel} <span className="field-hint">{p.editionSlugHint}</span></label>
            <input id="edition-slug" name="editionSlug" maxLength={EDITION_SLUG_MAX_LENGTH} pattern="[a-z0-9]+(-[a-z0-9]+)*" />
          </div>
          <div>
            <label htmlFor="edition-note">{p.editionNote} <span className="field-hint">{p.editionNoteHint({ max: EDITION_NOTE_MAX_LENGTH })}</span></label>
            <textarea id="edition-note" name="note" rows={2} maxLength={EDITION_NOTE_MAX_LENGTH} />
          </div>
          <button className="button" type="submit">{p.editionCreate}</button>
        </form>
      </section>

      {can(actor, "policy:edit") && (
        <section aria-labelledby="consultation" className="card">
          <h2 id="consultation">{c.settingsHeading}</h2>
          <p className="prose">{c.settingsIntro}</p>
          <form action={setConsultationSettingsAction} className="stack" data-testid="consultation-settings">
            <input type="hidden" name="document" value={data.document.slug} />
            <input type="hidden" name="documentId" value={data.document.id} />
            <div>
              <label htmlFor="consultation-min-days">{c.settingsMinDays} <span className="field-hint">{c.settingsMinDaysHint({ min: MIN_CONSULTATION_MIN_DAYS, max: MAX_CONSULTATION_MIN_DAYS })}</span></label>
              <input id="consultation-min-days" name="minDays" type="number" required min={MIN_CONSULTATION_MIN_DAYS} max={MAX_CONSULTATION_MIN_DAYS} step={1} defaultValue={data.consultation.minDays} style={{ width: "7rem" }} />
            </div>
            <fieldset>
              <legend>{c.settingsModeration}</legend>
              {MODERATION_MODES.map((mode) => (
                <label key={mode} className="inline-form">
                  <input type="radio" name="moderation" value={mode} defaultChecked={data.consultation.moderation === mode} style={{ width: "auto" }} />{" "}
                  {mode === "PRE" ? c.settingsModerationPre : c.settingsModerationPost}
                </label>
              ))}
            </fieldset>
            <div>
              <label htmlFor="consultation-hide-after">{c.settingsHideAfter} <span className="field-hint">{c.settingsHideAfterHint({ min: MIN_HIDE_AFTER_REPORTS, max: MAX_HIDE_AFTER_REPORTS })}</span></label>
              <input id="consultation-hide-after" name="hideAfterReports" type="number" required min={MIN_HIDE_AFTER_REPORTS} max={MAX_HIDE_AFTER_REPORTS} step={1} defaultValue={data.consultation.hideAfterReports} style={{ width: "7rem" }} />
            </div>
            <button className="button" type="submit">{c.settingsSave}</button>
          </form>
        </section>
      )}

      {can(actor, "version:withdraw") && (
        <section aria-labelledby="withdraw" className="card">
          <h2 id="withdraw">{p.withdrawHeading}</h2>
          <p className="prose">{p.withdrawIntro}</p>
          {data.events.length > 0 && (
            <>
              <h3>{p.timelineEvents}</h3>
              <ul data-version-events>
                {data.events.map((event, index) => (
                  <li key={index}>{p.eventLine({ number: event.version, date: day(event.effectiveOn), reason: event.reason })}</li>
                ))}
              </ul>
            </>
          )}
          <form action={withdrawVersionAction} className="stack">
            <input type="hidden" name="document" value={data.document.slug} />
            <div>
              <label htmlFor="withdraw-version">{p.withdrawVersion}</label>
              <select id="withdraw-version" name="version" defaultValue={String(withdrawable[0]?.number ?? "")}>
                {withdrawable.map((entry) => (
                  <option key={entry.number} value={entry.number}>{option(entry)}</option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="withdraw-reason">{p.withdrawReasonLabel}</label>
              <textarea id="withdraw-reason" name="reason" rows={3} required maxLength={WITHDRAWAL_REASON_MAX_LENGTH} />
            </div>
            <div>
              <label htmlFor="withdraw-date">{p.withdrawDateLabel} <span className="field-hint">{p.withdrawDateHint({ today: day(data.today) })}</span></label>
              <input id="withdraw-date" name="effectiveOn" type="date" min={data.today} />
            </div>
            <button className="button button--danger" type="submit">{p.withdrawButton}</button>
          </form>
        </section>
      )}
    </>
  );
}
