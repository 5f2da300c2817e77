import type { Metadata } from "next";
import Link from "next/link";
import { DocumentDiffView } from "@/components/diff/DocumentDiffView";
import { CompareForm } from "@/components/history/CompareForm";
import { ExportLinks } from "@/components/history/ExportLinks";
import { messages } from "@/lib/i18n/messages";
import { documentVersionDates, optionalVersionQuery } from "@/app/[document]/history-data";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/i18n/format";
import { getLocale } from "@/lib/i18n/server";
import { compareVersions, type VersionComparison } from "@/lib/services/history/compare-versions";
import { versionRemarks, type VersionRemark } from "@/lib/services/history/version-remarks";
import { getCurrentActor } from "@/lib/auth/current";

type SearchParams = { from?: string | string[]; to?: string | string[]; view?: string | string[] };
type Params = { params: Promise<{ document: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const { document } = await params;
  const query = await searchParams;
  const [history, locale] = await Promise.all([documentVersionDates(document), getLocale()]);
  const t = messages(locale).history;
  const from = optionalVersionQuery(query.from);
  const to = optionalVersionQuery(query.to);
  const pair = typeof from === "number" && typeof to === "number" ? ` — ${t.comparing(from, to)}` : "";
  return { title: `${t.compareTitle}${pair} — ${history.document.title}`, robots: { index: false } };
}

export default async function ComparePage({ params, searchParams }: Params) {
  const { document } = await params;
  const query = await searchParams;
  const [history, locale] = await Promise.all([documentVersionDates(document), getLocale()]);
  const t = messages(locale).history;
  const slug = history.document.slug;
  const view = query.view === "side" ? "side" : "inline";
  const fromQuery = optionalVersionQuery(query.from);
  const toQuery = optionalVersionQuery(query.to);

  let comparison: VersionComparison | null = null;
  let error: string | null = null;
  if (fromQuery === null || toQuery === null) {
    error = t.versionNumbersInvalid;
  } else {
    try {
      comparison = await compareVersions({ slug, from: fromQuery, to: toQuery });
    } catch (caught) {
      if (!isAppError(caught) || (caught.code !== "NOT_FOUND" && caught.code !== "BAD_REQUEST")) throw caught;
      error = caught.message;
    }
  }
  // The comments of the proposal that made the newer version, at its words (when it is the next one after `from`).
  const remarks: VersionRemark[] =
    comparison && comparison.to.number === comparison.from.number + 1 ? await versionRemarks({ slug, number: comparison.to.number, actor: await getCurrentActor() }) : [];
  const headNumber = history.versions.at(-1)?.number ?? 1;
  const from = comparison?.from.number ?? Math.max(1, headNumber - 1);
  const to = comparison?.to.number ?? headNumber;

  return (
    <>
      <p className="meta">
        <Link href={`/${slug}`}>{history.document.title}</Link> · <Link href={`/${slug}/lich-su`}>{t.historyTitle}</Link>
      </p>
      <h1>{t.compareTitle}</h1>
      <p className="prose">{t.compareIntro}</p>
      <CompareForm documentSlug={slug} versions={[...history.versions].reverse()} from={from} to={to} view={view} locale={locale} />
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      {history.versions.length === 1 && <p className="notice">{t.onlyOneVersion}</p>}
      {comparison && (
        <>
          <h2>
            <Link href={`/${slug}/v/${comparison.from.number}`}>{t.versionN(comparison.from.number)}</Link>
            {" → "}
            <Link href={`/${slug}/v/${comparison.to.number}`}>{t.versionN(comparison.to.number)}</Link>
          </h2>
          <p className="meta">
            {t.publishedOn}: {formatDateTime(comparison.from.publishedAt, locale)} → {formatDateTime(comparison.to.publishedAt, locale)}
          </p>
          <p className="meta no-print">
            <ExportLinks documentSlug={slug} number={comparison.to.number} locale={locale} />
          </p>
          {comparison.from.number > comparison.to.number && <p className="notice notice--warn">{t.reversedNote}</p>}
          {comparison.from.number === comparison.to.number && history.versions.length > 1 && <p className="notice">{t.sameVersionNote}</p>}
          <DocumentDiffView diff={comparison.diff} mode={view === "side" ? "side-by-side" : "inline"} locale={locale} remarks={remarks} />
        </>
      )}
    </>
  );
}
