/**
 * Why a webhook attempt failed, as a kind plus the technical detail (an HTTP status, an address,
 * an errno code), so the admin page words it in the reader's language (lib/i18n/webhook-failure-text.ts)
 * and shows the detail as code. Stored in the existing text columns (WebhookAttempt.error,
 * WebhookDelivery.lastError) as FAILURE_PREFIX followed by JSON: recognisable, and no schema change.
 * Text stored before this form (an English sentence) is read back as a legacy failure and shown as it was.
 */
export type WebhookFailure =
  /** The receiver answered, with a status other than 2xx. */
  | { kind: "httpStatus"; status: number }
  /** The address (literal or resolved) is not public and the endpoint is not allowed private targets. */
  | { kind: "refusedAddress"; address: string }
  /** No complete answer within the bound. */
  | { kind: "timeout"; timeoutMs: number }
  /** The name resolved to no address. */
  | { kind: "noAddress"; host: string }
  /** The stored URL no longer passes the check (lib/domain/webhooks.ts checkWebhookUrl). */
  | { kind: "invalidUrl"; problem: string }
  /** The endpoint was switched off or removed before the attempt. */
  | { kind: "endpointOff" }
  /** A connection or protocol error; `code` is Node's errno code (ECONNREFUSED…) or, without one, its message. */
  | { kind: "network"; code: string };

export type WebhookFailureKind = WebhookFailure["kind"];

/** Marks a stored failure as structured; a legacy English sentence never starts with it. */
export const FAILURE_PREFIX = "webhookFailure:";
/** Longest technical detail kept (an errno code is short; a message without one is capped). */
export const MAX_FAILURE_DETAIL_LENGTH = 300;

/** A failure read back: structured, or the text stored before failures had kinds. */
export type StoredWebhookFailure = WebhookFailure | { kind: "legacy"; text: string };

const KINDS: readonly WebhookFailureKind[] = ["httpStatus", "refusedAddress", "timeout", "noAddress", "invalidUrl", "endpointOff", "network"];

function capped(value: string): string {
  return value.slice(0, MAX_FAILURE_DETAIL_LENGTH);
}

export function encodeWebhookFailure(failure: WebhookFailure): string {
  const detail: WebhookFailure =
    failure.kind === "refusedAddress" ? { ...failure, address: capped(failure.address) }
    : failure.kind === "noAddress" ? { ...failure, host: capped(failure.host) }
    : failure.kind === "invalidUrl" ? { ...failure, problem: capped(failure.problem) }
    : failure.kind === "network" ? { ...failure, code: capped(failure.code) }
    : failure;
  return `${FAILURE_PREFIX}${JSON.stringify(detail)}`;
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/** Reads a stored failure; anything not in the structured form (or malformed) is legacy text, shown as stored. */
export function decodeWebhookFailure(stored: string): StoredWebhookFailure {
  const legacy = { kind: "legacy" as const, text: stored };
  if (!stored.startsWith(FAILURE_PREFIX)) return legacy;
  let value: unknown;
  try {
    value = JSON.parse(stored.slice(FAILURE_PREFIX.length));
  } catch {
    return legacy;
  }
  if (typeof value !== "object" || value === null) return legacy;
  const record = value as Record<string, unknown>;
  const kind = record.kind;
  if (!KINDS.includes(kind as WebhookFailureKind)) return legacy;
  switch (kind as WebhookFailureKind) {
    case "httpStatus":
      return isWholeNumber(record.status) ? { kind: "httpStatus", status: record.status } : legacy;
    case "refusedAddress":
      return isString(record.address) ? { kind: "refusedAddress", address: record.address } : legacy;
    case "timeout":
      return isWholeNumber(record.timeoutMs) ? { kind: "timeout", timeoutMs: record.timeoutMs } : legacy;
    case "noAddress":
      return isString(record.host) ? { kind: "noAddress", host: record.host } : legacy;
    case "invalidUrl":
      return isString(record.problem) ? { kind: "invalidUrl", problem: record.problem } : legacy;
    case "endpointOff":
      return { kind: "endpointOff" };
    case "network":
      return isString(record.code) ? { kind: "network", code: record.code } : legacy;
  }
}
