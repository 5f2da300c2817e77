import Link from "next/link";
import { renderSectionHtml } from "@/lib/editor/content";
import type { Locale } from "@/lib/i18n/locales";
import { formatDateTime, organizationName } from "@/lib/i18n/format";
import type { BlamedBlock, VersionBlame } from "@/lib/services/history/blame-version";
import { messages } from "@/lib/i18n/messages";

/**
 * Each block of a version beside the version and proposal that last wrote it. Block HTML
 * comes from the schema-aware renderer (escaped, unsafe links dropped), as on reader pages.
 */
export function BlameView({ blame, locale }: { blame: VersionBlame; locale: Locale }) {
  const slug = blame.document.slug;
  return (
    <div className="blame">
      {blame.sections.map((section) => (
        <section key={section.id} className="blame-section" aria-labelledby={`blame-${section.id}`}>
          <h2 id={`blame-${section.id}`}>
            <Link href={`/${slug}/v/${blame.version.number}/${section.slug}`}>{section.title}</Link>
          </h2>
          {section.blocks.map((block, index) => (
            <div key={block.blockId ?? `i${index}`} className="blame-row">
              <Origin block={block} documentSlug={slug} current={blame.version.number} locale={locale} />
              <div className="blame-row__text prose" dangerouslySetInnerHTML={{ __html: renderSectionHtml({ type: "doc", content: [block.node] }) }} />
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

function Origin({ block, documentSlug, current, locale }: { block: BlamedBlock; documentSlug: string; current: number; locale: Locale }) {
  const t = messages(locale).history;
  const version = block.changedIn;
  const anchor = block.blockId ? `#b-${block.blockId}` : "";
  const diffHref = version.number > 1 ? `/${documentSlug}/so-sanh?from=${version.number - 1}&to=${version.number}` : null;
  return (
    <div className={`blame-row__origin${version.number === current ? " blame-row__origin--recent" : ""}`}>
      <Link href={`/${documentSlug}/v/${version.number}${anchor}`}>{t.blameAttribution(version.number)}</Link>
      {" · "}
      {version.proposal ? (
        <>
          {t.blameProposal}{" "}
          {diffHref ? <Link href={diffHref}>{version.proposal.title}</Link> : version.proposal.title}
        </>
      ) : (
        t.blameFirstImport
      )}
      <br />
      <time dateTime={version.publishedAt.toISOString()}>{formatDateTime(version.publishedAt, locale)}</time>
      {version.organization && <> · {organizationName(version.organization, locale)}</>}
      {block.suggestedBy.length > 0 && (
        <>
          <br />
          <span className="blame-row__suggested">{t.blameSuggestedBy(block.suggestedBy.join(", "))}</span>
        </>
      )}
    </div>
  );
}
