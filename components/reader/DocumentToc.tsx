import Link from "next/link";
import type { PublishedSection } from "@/lib/services/read-document";

export function DocumentToc({
  heading,
  basePath,
  sections,
  currentSlug,
}: {
  heading: string;
  basePath: string;
  sections: PublishedSection[];
  currentSlug?: string;
}) {
  return (
    <nav className="toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading">{heading}</h2>
      <ol>
        {sections.map((section) => (
          <li key={section.id}>
            <Link href={`${basePath}/${section.slug}`} aria-current={section.slug === currentSlug ? "page" : undefined}>
              {section.title}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
