import { decodeWebhookFailure } from "../domain/webhook-failure";
import type { Locale } from "./locales";
import { messages } from "./messages";

/** A stored failure for the admin page: a sentence in the reader's language, and the technical detail shown as code. */
export interface WebhookFailureText {
  text: string;
  detail: string | null;
}

const MS_PER_SECOND = 1_000;

/** Words a stored attempt error (or a delivery's last error); text stored before failures had kinds is shown as stored. */
export function webhookFailureText(stored: string, locale: Locale): WebhookFailureText {
  const t = messages(locale).webhooks.failures;
  const failure = decodeWebhookFailure(stored);
  switch (failure.kind) {
    case "legacy":
      return { text: failure.text, detail: null };
    case "httpStatus":
      return { text: t.httpStatus, detail: `HTTP ${failure.status}` };
    case "refusedAddress":
      return { text: t.refusedAddress, detail: failure.address };
    case "timeout":
      return { text: t.timeout(failure.timeoutMs / MS_PER_SECOND), detail: null };
    case "noAddress":
      return { text: t.noAddress, detail: failure.host };
    case "invalidUrl":
      return { text: t.invalidUrl, detail: failure.problem };
    case "endpointOff":
      return { text: t.endpointOff, detail: null };
    case "network":
      return { text: t.network, detail: failure.code };
  }
}
