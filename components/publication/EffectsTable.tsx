import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";
import type { VersionEffects } from "@/lib/services/publication/version-effects";

/** What a version did to which sections, with its proposal and legal basis (the effects table). */
export function EffectsTable({ loaded, locale }: { loaded: VersionEffects; locale: Locale }) {
  const t = messages(locale).publication;
  const { document, version, proposal, effects } = loaded;
  return (
    <section className="effects" aria-labelledby="effects-heading" id="tac-dong">
      <h2 id="effects-heading">{t.effectsHeading}</h2>
      <p className="meta">{t.effectsIntro}</p>
      {effects.length === 0 ? (
        <p>{t.effectsNone}</p>
      ) : (
        <table className="effects-table">
          <thead>
            <tr>
              <th scope="col">{t.effectSection}</th>
              <th scope="col">{t.effectWhat}</th>
              <th scope="col">{t.effectProposal}</th>
              <th scope="col">{t.effectLegalBasis}</th>
            </tr>
          </thead>
          <tbody>
            {effects.map((effect) => (
              <tr key={`${effect.kind}-${effect.section.id}`} data-effect={effect.kind} data-section={effect.section.slug}>
                <td>
                  {effect.kind === "removed" ? (
                    effect.section.title
                  ) : (
                    <Link href={`/${document.slug}/v/${version.number}/${effect.section.slug}`}>{effect.section.title}</Link>
                  )}
                </td>
                <td>
                  {t.effectKind[effect.kind]}
                  {effect.previousTitle && <> ({t.effectRenamed({ from: effect.previousTitle })})</>}
                </td>
                <td>{proposal ? <Link href={`/lam-viec/de-xuat/${proposal.id}`}>{proposal.title}</Link> : t.noProposal}</td>
                <td>{proposal?.legalBasis || t.noLegalBasis}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
