import type { Locale } from "@/lib/i18n/locales";
import { webhookFailureText } from "@/lib/i18n/webhook-failure-text";

/** A stored webhook failure in the reader's language, its technical detail (status, address, errno code) as code. */
export function WebhookFailure({ stored, locale }: { stored: string; locale: Locale }) {
  const { text, detail } = webhookFailureText(stored, locale);
  return (
    <span data-testid="webhook-failure">
      {text}
      {detail !== null && <> <code>{detail}</code></>}
    </span>
  );
}
