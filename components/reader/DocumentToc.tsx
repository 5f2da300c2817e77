import Link from "next/link";
import type { LoadedSection } from "@/lib/db/documents";

export function DocumentToc({
  heading,
  basePath,
  sections,
  currentSlug,
}: {
  heading: string;
  basePath: string;
  sections: LoadedSection[];
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
