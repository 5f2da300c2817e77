import { describe, expect, it } from "vitest";
import { decodeWebhookFailure, encodeWebhookFailure, FAILURE_PREFIX, MAX_FAILURE_DETAIL_LENGTH, type WebhookFailure } from "./webhook-failure";

describe("webhook failures as stored", () => {
  const failures: WebhookFailure[] = [
    { kind: "httpStatus", status: 500 },
    { kind: "refusedAddress", address: "::ffff:127.0.0.1" },
    { kind: "timeout", timeoutMs: 10_000 },
    { kind: "noAddress", host: "example.invalid" },
    { kind: "invalidUrl", problem: "scheme" },
    { kind: "endpointOff" },
    { kind: "network", code: "ECONNRESET" },
  ];

  it("reads back every kind as written, in the recognisable form", () => {
    for (const failure of failures) {
      const stored = encodeWebhookFailure(failure);
      expect(stored.startsWith(FAILURE_PREFIX)).toBe(true);
      expect(decodeWebhookFailure(stored)).toEqual(failure);
    }
  });

  it("caps a long technical detail", () => {
    const stored = encodeWebhookFailure({ kind: "network", code: "x".repeat(MAX_FAILURE_DETAIL_LENGTH * 3) });
    expect(decodeWebhookFailure(stored)).toEqual({ kind: "network", code: "x".repeat(MAX_FAILURE_DETAIL_LENGTH) });
  });

  it("keeps text stored before failures had kinds, and anything malformed, as it was", () => {
    for (const text of [
      "HTTP 500",
      "refused: 127.0.0.1 is not a public address",
      "connect ECONNREFUSED 127.0.0.1:9",
      `${FAILURE_PREFIX}not json`,
      `${FAILURE_PREFIX}{"kind":"httpStatus","status":"500"}`,
      `${FAILURE_PREFIX}{"kind":"unknown"}`,
      `${FAILURE_PREFIX}null`,
    ]) {
      expect(decodeWebhookFailure(text)).toEqual({ kind: "legacy", text });
    }
  });
});
