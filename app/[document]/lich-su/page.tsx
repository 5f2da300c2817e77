import type { Metadata } from "next";
import Link from "next/link";
import { messages } from "@/lib/i18n/messages";
import { documentHistory, optionalVersionQuery } from "@/app/[document]/history-data";
import { VersionList } from "@/components/history/VersionList";
import { FlashMessage } from "@/components/ui/FlashMessage";
import { getCurrentActor } from "@/lib/auth/current";
import { getLocale } from "@/lib/i18n/server";
import { feedLanguageQuery } from "@/lib/services/history/feed-entries";
import { can } from "@/lib/policies";
import { restoreVersionAction } from "./actions";
import { EffectTimeline } from "@/components/publication/EffectTimeline";
import { loadEffectiveTimeline } from "@/lib/services/publication/timeline";

type Params = { params: Promise<{ document: string }>; searchParams: Promise<{ error?: string; before?: string }> };

export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const { document } = await params;
  const before = optionalVersionQuery((await searchParams).before) ?? undefined;
  const [history, locale] = await Promise.all([documentHistory(document, before), getLocale()]);
  return { title: `${messages(locale).history.historyTitle} — ${history.document.title}` };
}

export default async function DocumentHistoryPage({ params, searchParams }: Params) {
  const { document } = await params;
  const { error, before: beforeQuery } = await searchParams;
  // A malformed page marker shows the newest versions rather than an error.
  const before = optionalVersionQuery(beforeQuery) ?? undefined;
  const [history, locale, actor] = await Promise.all([documentHistory(document, before), getLocale(), getCurrentActor()]);
  const timeline = await loadEffectiveTimeline({ slug: history.document.slug });
  const t = messages(locale).history;
  const newestFirst = [...history.versions].reverse();
  const headNumber = history.headNumber;
  const sections = history.currentSections;
  const feedHref = `/${history.document.slug}/feed.xml${feedLanguageQuery(locale)}`;

  return (
    <>
      <link rel="alternate" type="application/atom+xml" title={`${history.document.title} — ${t.historyTitle}`} href={feedHref} />
      <p className="meta">
        <Link href={`/${history.document.slug}`}>{history.document.title}</Link>
      </p>
      <h1>{t.historyTitle}</h1>
      <p className="prose">{t.historyIntro}</p>
      <FlashMessage error={error} okText="" />
      <ul className="history-links">
        <li><Link href={`/${history.document.slug}/so-sanh`}>{t.compareTitle}</Link></li>
        <li><a href={feedHref} type="application/atom+xml" title={t.feedHint}>{t.feed}</a></li>
        <li><a href={`/api/v1/documents/${history.document.slug}/versions`}>{t.openData}</a></li>
        <li><a href={`/api/v1/documents/${history.document.slug}/verify`}>{t.verify}</a></li>
      </ul>
      <EffectTimeline documentSlug={history.document.slug} entries={timeline.entries} events={timeline.events} locale={locale} />
      <VersionList
        documentSlug={history.document.slug}
        versions={newestFirst}
        headNumber={headNumber}
        locale={locale}
        restoreAction={can(actor, "proposal:create") ? restoreVersionAction : undefined}
      />
      {(history.olderBefore !== null || before !== undefined) && (
        <nav className="history-pages" aria-label={t.historyTitle}>
          {before !== undefined && <Link href={`/${history.document.slug}/lich-su`}>{t.newestVersions}</Link>}
          {history.olderBefore !== null && <Link href={`/${history.document.slug}/lich-su?before=${history.olderBefore}`} rel="next">{t.olderVersions}</Link>}
        </nav>
      )}
      {sections.length > 0 && (
        <section aria-labelledby="by-section" className="card">
          <h2 id="by-section">{t.sectionsHeading}</h2>
          <ul>
            {sections.map((section) => (
              <li key={section.id}>
                <Link href={`/${history.document.slug}/lich-su/${section.slug}`}>{section.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
