import type { Locale } from "../../i18n/locales";
import { messages } from "../../i18n/messages";
import type { SubscriptionTarget } from "./subscription-target";

/** “tài liệu “…”” or “mục “…” của “…””, as a subscription's pages and emails name what it follows. */
export function subscriptionTargetText(target: Pick<SubscriptionTarget, "documentTitle" | "sectionTitle">, locale: Locale): string {
  const t = messages(locale).email;
  return target.sectionTitle === null
    ? t.documentTarget({ documentTitle: target.documentTitle })
    : t.sectionTarget({ documentTitle: target.documentTitle, sectionTitle: target.sectionTitle });
}
