import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { encodeWebhookFailure } from "@/lib/domain/webhook-failure";
import type { Locale } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";
import { WebhookFailure, WebhookLastResult } from "./WebhookFailure";

function render(stored: string, locale: Locale): string {
  return renderToStaticMarkup(createElement(WebhookFailure, { stored, locale }));
}

describe("a webhook failure on the admin page", () => {
  it.each(["vi", "en"] as const)("is worded in %s with the technical detail as code", (locale) => {
    const t = messages(locale).webhooks.failures;
    expect(render(encodeWebhookFailure({ kind: "httpStatus", status: 500 }), locale)).toContain(`${t.httpStatus} <code>HTTP 500</code>`);
    expect(render(encodeWebhookFailure({ kind: "refusedAddress", address: "127.0.0.1" }), locale)).toContain(`${t.refusedAddress} <code>127.0.0.1</code>`);
    expect(render(encodeWebhookFailure({ kind: "network", code: "ECONNREFUSED" }), locale)).toContain(`${t.network} <code>ECONNREFUSED</code>`);
    expect(render(encodeWebhookFailure({ kind: "timeout", timeoutMs: 10_000 }), locale)).toContain(t.timeout(10));
    const off = render(encodeWebhookFailure({ kind: "endpointOff" }), locale);
    expect(off).toContain(t.endpointOff);
    expect(off).not.toContain("<code>");
  });

  it("differs between the two languages", () => {
    const stored = encodeWebhookFailure({ kind: "refusedAddress", address: "10.0.0.1" });
    expect(render(stored, "vi")).toContain("Bị từ chối");
    expect(render(stored, "en")).toContain("Refused: not a public address");
  });

  it("shows text stored before failures had kinds as stored, in either language", () => {
    for (const locale of ["vi", "en"] as const) {
      expect(render("refused: 127.0.0.1 is not a public address", locale)).toBe('<span data-testid="webhook-failure">refused: 127.0.0.1 is not a public address</span>');
    }
  });
});

describe("a delivery's last result on the admin page", () => {
  function lastResult(lastStatus: number | null, lastError: string | null, locale: Locale): string {
    return renderToStaticMarkup(createElement(WebhookLastResult, { lastStatus, lastError, locale }));
  }

  it.each(["vi", "en"] as const)("shows an error status once, inside the failure (%s)", (locale) => {
    const shown = lastResult(500, encodeWebhookFailure({ kind: "httpStatus", status: 500 }), locale);
    expect(shown).toContain(`${messages(locale).webhooks.failures.httpStatus} <code>HTTP 500</code>`);
    expect(shown.match(/500/g)).toHaveLength(1);
  });

  it("shows the status of a delivered attempt, and nothing before any answer", () => {
    expect(lastResult(204, null, "vi")).toBe('<span data-testid="webhook-last-result">204</span>');
    expect(lastResult(null, null, "en")).toBe('<span data-testid="webhook-last-result"></span>');
  });

  it("keeps the status beside a failure that does not carry it", () => {
    const shown = lastResult(502, "upstream answered badly", "en");
    expect(shown).toContain("502 <span");
    expect(shown).toContain("upstream answered badly");
    expect(lastResult(null, encodeWebhookFailure({ kind: "timeout", timeoutMs: 10_000 }), "vi")).not.toMatch(/\d{3} </);
  });
});
