import type { Metadata } from "next";
import Link from "next/link";
import { messages } from "@/lib/i18n/messages";
import { sectionHistory } from "@/app/[document]/history-data";
import { RestoreButton } from "@/components/history/RestoreButton";
import { SectionEffectsList } from "@/components/publication/SectionEffectsList";
import { orNotFound } from "@/app/[document]/history-data";
import { loadSectionEffects } from "@/lib/services/publication/section-effects";
import { VersionFacts, WordDelta } from "@/components/history/VersionFacts";
import { FlashMessage } from "@/components/ui/FlashMessage";
import { getCurrentActor } from "@/lib/auth/current";
import { formatDateTime } from "@/lib/i18n/format";
import { getLocale } from "@/lib/i18n/server";
import { feedLanguageQuery } from "@/lib/services/history/feed-entries";
import { can } from "@/lib/policies";
import { restoreVersionAction } from "../actions";

type Params = { params: Promise<{ document: string; section: string }>; searchParams: Promise<{ error?: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { document, section } = await params;
  const [history, locale] = await Promise.all([sectionHistory(document, section), getLocale()]);
  return { title: `${messages(locale).history.sectionHistoryTitle(history.section.title)} — ${history.document.title}` };
}

export default async function SectionHistoryPage({ params, searchParams }: Params) {
  const { document, section } = await params;
  const { error } = await searchParams;
  const [history, locale, actor] = await Promise.all([sectionHistory(document, section), getLocale(), getCurrentActor()]);
  const t = messages(locale).history;
  const slug = history.document.slug;
  const feedHref = `/${slug}/lich-su/${history.section.slug}/feed.xml${feedLanguageQuery(locale)}`;
  const mayRestore = can(actor, "proposal:create");
  const newestFirst = [...history.entries].reverse();
  const effects = await orNotFound(loadSectionEffects({ slug, sectionSlug: history.section.slug }));

  return (
    <>
      <link rel="alternate" type="application/atom+xml" title={t.sectionHistoryTitle(history.section.title)} href={feedHref} />
      <p className="meta">
        <Link href={`/${slug}`}>{history.document.title}</Link> · <Link href={`/${slug}/lich-su`}>{t.historyTitle}</Link>
      </p>
      <h1>{t.sectionHistoryTitle(history.section.title)}</h1>
      <p className="prose">{t.sectionHistoryIntro}</p>
      {!history.section.current && <p className="notice notice--warn">{t.sectionRemovedNote}</p>}
      <FlashMessage error={error} okText="" />
      <ul className="history-links">
        {history.section.current && <li><Link href={`/${slug}/${history.section.slug}`}>{history.section.title}</Link></li>}
        <li><a href={feedHref} type="application/atom+xml" title={t.feedHint}>{t.feed}</a></li>
        <li><Link href={`/${slug}/lich-su`}>{t.backToHistory}</Link></li>
      </ul>
      <SectionEffectsList loaded={effects} locale={locale} />
      <ol className="version-list" reversed>
        {newestFirst.map((entry) => {
          const { version } = entry;
          const isHead = entry.number === history.headNumber;
          return (
            <li key={entry.number} className={`version-item${isHead ? " version-item--current" : ""}`} aria-labelledby={`v${entry.number}-title`}>
              <div className="version-item__head">
                <h2 id={`v${entry.number}-title`}>
                  <Link href={`/${slug}/v/${entry.number}${entry.kinds.includes("removed") ? "" : `/${history.section.slug}`}`}>{t.versionN(entry.number)}</Link>
                </h2>
                {isHead && <span className="badge badge--ok">{t.current}</span>}
                <span className="meta">
                  {t.publishedOn} <time dateTime={version.publishedAt.toISOString()}>{formatDateTime(version.publishedAt, locale)}</time>
                </span>
                {(entry.wordsAdded > 0 || entry.wordsRemoved > 0) && <WordDelta added={entry.wordsAdded} removed={entry.wordsRemoved} locale={locale} />}
              </div>
              <p className="version-item__summary">
                {entry.kinds.map((kind) => t.changeKinds[kind]).join(" · ")}
                {entry.previousTitle && ` (${t.renamedFrom(entry.previousTitle)})`}
              </p>
              {version.proposal && <p className="version-item__title">{version.proposal.title}</p>}
              <VersionFacts version={version} locale={locale} />
              <ul className="version-actions">
                {entry.number > 1 && (
                  <li><Link href={`/${slug}/so-sanh?from=${entry.number - 1}&to=${entry.number}`}>{t.compareWithPrevious}</Link></li>
                )}
                <li><Link href={`/${slug}/v/${entry.number}/nguon-goc`}>{t.blame}</Link></li>
                {mayRestore && !isHead && !entry.kinds.includes("removed") && (
                  <li>
                    <RestoreButton
                      action={restoreVersionAction}
                      documentSlug={slug}
                      versionNumber={entry.number}
                      section={{ id: history.section.id, slug: history.section.slug }}
                      label={t.restoreSection}
                      hint={t.restoreHint}
                    />
                  </li>
                )}
              </ul>
            </li>
          );
        })}
      </ol>
    </>
  );
}
