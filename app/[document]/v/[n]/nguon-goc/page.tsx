import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { BlameView } from "@/components/history/BlameView";
import { messages } from "@/lib/i18n/messages";
import { orNotFound, versionParam } from "@/app/[document]/history-data";
import { getLocale } from "@/lib/i18n/server";
import { blameVersion } from "@/lib/services/history/blame-version";

type Params = { params: Promise<{ document: string; n: string }> };

const loadBlame = cache((slug: string, n: string) => orNotFound(blameVersion({ slug, versionNumber: versionParam(n) })));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { document, n } = await params;
  const [blame, locale] = await Promise.all([loadBlame(document, n), getLocale()]);
  return { title: `${messages(locale).history.blameTitle(blame.version.number)} — ${blame.document.title}` };
}

export default async function BlamePage({ params }: Params) {
  const { document, n } = await params;
  const [blame, locale] = await Promise.all([loadBlame(document, n), getLocale()]);
  const t = messages(locale).history;
  const slug = blame.document.slug;
  const number = blame.version.number;
  return (
    <>
      <p className="meta">
        <Link href={`/${slug}`}>{blame.document.title}</Link> · <Link href={`/${slug}/lich-su`}>{t.historyTitle}</Link> ·{" "}
        <Link href={`/${slug}/v/${number}`}>{t.versionN(number)}</Link>
      </p>
      <h1>{t.blameTitle(number)}</h1>
      <p className="prose">{t.blameIntro}</p>
      {number !== blame.headNumber && (
        <p className="notice notice--warn">
          {messages(locale).reader.notCurrentVersion(blame.headNumber)}
          <Link href={`/${slug}/v/${blame.headNumber}/nguon-goc`}>{t.blameTitle(blame.headNumber)}</Link>
        </p>
      )}
      <BlameView blame={blame} locale={locale} />
    </>
  );
}
