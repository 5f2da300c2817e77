import Link from "next/link";
import { formatCalendarDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";
import type { SectionEffects } from "@/lib/services/publication/section-effects";

/** "Các lần mục này được sửa đổi": the versions that affected one section, what each did, by which proposal and legal basis. */
export function SectionEffectsList({ loaded, locale, headingLevel = 2 }: { loaded: SectionEffects; locale: Locale; headingLevel?: 2 | 3 }) {
  const t = messages(locale).publication;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const { document, section, entries } = loaded;
  return (
    <section className="effects" aria-labelledby="section-effects-heading" id="tac-dong-muc">
      <Heading id="section-effects-heading">{t.sectionEffectsHeading}</Heading>
      <p className="meta">
        {t.sectionEffectsIntro} <a href={`/api/v1/documents/${document.slug}/sections/${section.slug}/effects`} type="application/json">{t.sectionEffectsJson}</a>
      </p>
      {entries.length === 0 ? (
        <p>{t.sectionEffectsNone}</p>
      ) : (
        <table className="effects-table">
          <thead>
            <tr>
              <th scope="col">{t.timelineVersion}</th>
              <th scope="col">{t.effectWhat}</th>
              <th scope="col">{t.effectProposal}</th>
              <th scope="col">{t.effectLegalBasis}</th>
            </tr>
          </thead>
          <tbody>
            {[...entries].reverse().map((entry) => (
              <tr key={entry.version.number} data-version={entry.version.number} data-effects={entry.effects.map((effect) => effect.kind).join(" ")}>
                <td>
                  <Link href={`/${document.slug}/v/${entry.version.number}#tac-dong`}>
                    {t.sectionEffectLine({ number: entry.version.number, effectiveFrom: formatCalendarDate(entry.version.effectiveFrom, locale) })}
                  </Link>
                </td>
                <td>
                  {entry.effects.map((effect, index) => (
                    <span key={effect.kind}>
                      {index > 0 && " · "}
                      {t.effectKind[effect.kind]}
                      {effect.previousTitle && <> ({t.effectRenamed({ from: effect.previousTitle })})</>}
                    </span>
                  ))}
                </td>
                <td>{entry.proposal ? <Link href={`/lam-viec/de-xuat/${entry.proposal.id}`}>{entry.proposal.title}</Link> : t.noProposal}</td>
                <td>{entry.proposal?.legalBasis || t.noLegalBasis}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
