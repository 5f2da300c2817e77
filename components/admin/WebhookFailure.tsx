import { decodeWebhookFailure } from "@/lib/domain/webhook-failure";
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

/**
 * A delivery's last result: its failure when it has one, else the status the receiver answered.
 * A failure of kind httpStatus already shows that status as its detail, so it is not repeated.
 */
export function WebhookLastResult({ lastStatus, lastError, locale }: { lastStatus: number | null; lastError: string | null; locale: Locale }) {
  if (!lastError) return <span data-testid="webhook-last-result">{lastStatus ?? ""}</span>;
  const statusShown = decodeWebhookFailure(lastError).kind === "httpStatus";
  return (
    <span data-testid="webhook-last-result">
      {lastStatus !== null && !statusShown && <>{lastStatus} </>}
      <WebhookFailure stored={lastError} locale={locale} />
    </span>
  );
}
