"use client";

import { usePathname } from "next/navigation";

/** A plain link to the language route, carrying the current page so the reader stays where they are. */
export function LanguageSwitch({ label, target }: { label: string; target: "vi" | "en" }) {
  const pathname = usePathname();
  return (
    <a href={`/ngon-ngu?lang=${target}&next=${encodeURIComponent(pathname)}`} lang={target} hrefLang={target}>
      {label}
    </a>
  );
}
