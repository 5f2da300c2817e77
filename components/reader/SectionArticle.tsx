import Link from "next/link";
import type { PublishedSection } from "@/lib/services/read-document";
import type { Messages } from "@/lib/i18n/messages";

/**
 * A section rendered on the server from its stored JSON. The HTML comes from the schema-aware
 * static renderer, which escapes text and drops unsafe links, so it is safe to inline.
 */
export function SectionArticle({
  section,
  t,
  headingLevel = 2,
  href,
}: {
  section: PublishedSection;
  t: Messages;
  headingLevel?: 1 | 2;
  href?: string;
}) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <article className="section-article" aria-labelledby={`title-${section.id}`} id={section.slug}>
      <Heading id={`title-${section.id}`}>{href ? <Link href={href}>{section.title}</Link> : section.title}</Heading>
      <p className="meta">
        {t.reader.owner}: {section.owner?.name ?? t.reader.noOwner}
      </p>
      <div className="prose" dangerouslySetInnerHTML={{ __html: section.html }} />
    </article>
  );
}
