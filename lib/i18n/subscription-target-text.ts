import type { Locale } from "./locales";
import { messages } from "./messages";

/** What an email subscription follows, as its pages and emails name it: “tài liệu “…”” or “mục “…” của “…””. */
export function subscriptionTargetText(target: { documentTitle: string; sectionTitle: string | null }, locale: Locale): string {
  const t = messages(locale).email;
  return target.sectionTitle === null
    ? t.documentTarget({ documentTitle: target.documentTitle })
    : t.sectionTarget({ documentTitle: target.documentTitle, sectionTitle: target.sectionTitle });
}
