import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import { formatDateTime } from "@/lib/i18n/format";
import { versionSummaryText } from "@/lib/i18n/diff-summary";
import type { VersionHistoryEntry } from "@/lib/services/history/list-versions";
import { ExportLinks } from "./ExportLinks";
import { messages, type Messages } from "@/lib/i18n/messages";
import { RestoreButton } from "./RestoreButton";
import { VersionFacts, WordDelta } from "./VersionFacts";

/** The badge of a version that did not come from an ordinary edit; a kind the catalog does not name shows as it is. */
function proposalKindBadge(t: Messages["history"], kind: string): string {
  const kinds: Partial<Record<string, string>> = t.kind;
  return kinds[kind] ?? kind;
}

/** The document's versions, newest first, each with its provenance and the ways to look at it. */
export function VersionList({
  documentSlug,
  versions,
  headNumber,
  locale,
  restoreAction,
}: {
  documentSlug: string;
  versions: readonly VersionHistoryEntry[];
  headNumber: number;
  locale: Locale;
  /** Present when the reader may start a restore proposal. */
  restoreAction?: (form: FormData) => Promise<void>;
}) {
  const t = messages(locale).history;
  if (versions.length === 0) return <p className="notice">{t.noChangesYet}</p>;
  return (
    <ol className="version-list" reversed>
      {versions.map((version) => {
        const isCurrent = version.number === headNumber;
        const summary = versionSummaryText(version, locale);
        return (
          <li key={version.number} className={`version-item${isCurrent ? " version-item--current" : ""}`} id={`v${version.number}`} aria-labelledby={`v${version.number}-title`}>
            <div className="version-item__head">
              <h2 id={`v${version.number}-title`}>
                <Link href={`/${documentSlug}/v/${version.number}`}>{t.versionN(version.number)}</Link>
              </h2>
              {isCurrent && <span className="badge badge--ok">{t.current}</span>}
              {version.proposal && version.proposal.kind !== "EDIT" && <span className="badge">{proposalKindBadge(t, version.proposal.kind)}</span>}
              <span className="meta">
                {t.publishedOn}{" "}
                <time dateTime={version.publishedAt.toISOString()}>{formatDateTime(version.publishedAt, locale)}</time>
              </span>
              {version.number > 1 && <WordDelta added={version.stats.wordsAdded ?? 0} removed={version.stats.wordsRemoved ?? 0} locale={locale} />}
            </div>
            {version.proposal && <p className="version-item__title">{version.proposal.title}</p>}
            {summary && (
              <p className="version-item__summary">
                <span className="visually-hidden">{t.summary}: </span>
                {summary}
              </p>
            )}
            <VersionFacts version={version} locale={locale} />
            <p className="meta">
              {t.hash}: <code className="mono">{version.hash}</code>
            </p>
            <ul className="version-actions">
              <li><Link href={`/${documentSlug}/v/${version.number}`}>{t.viewVersion}</Link></li>
              {version.number > 1 && (
                <li><Link href={`/${documentSlug}/so-sanh?from=${version.number - 1}&to=${version.number}`}>{t.compareWithPrevious}</Link></li>
              )}
              <li><Link href={`/${documentSlug}/v/${version.number}/nguon-goc`}>{t.blame}</Link></li>
              <li><ExportLinks documentSlug={documentSlug} number={version.number} locale={locale} /></li>
              {restoreAction && !isCurrent && (
                <li>
                  <RestoreButton action={restoreAction} documentSlug={documentSlug} versionNumber={version.number} label={t.restore} hint={t.restoreHint} />
                </li>
              )}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}
