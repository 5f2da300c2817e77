import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { WebhookFailure } from "../domain/webhook-failure";
import { checkWebhookUrl, classifyAddress, literalAddress } from "../domain/webhooks";

/**
 * The one way a webhook leaves the server: a POST to the endpoint's URL that cannot be turned
 * against our own network (server-side request forgery). The host name is resolved once, every
 * address it resolves to is checked, and the connection is made to the address that was checked
 * (the lookup hook hands Node exactly that address), so a name that answers a public address to
 * the check and 127.0.0.1 to the connection (DNS rebinding) gains nothing. An address literal in
 * the URL is checked the same way. Redirects are not followed (a 3xx is the receiver's answer,
 * logged and retried like any other non-2xx). Private, loopback, link-local and every other
 * non-public address (lib/domain/webhooks.ts classifyAddress) are refused unless the endpoint was
 * allowed private targets by an admin.
 */

/** Longest wait for connecting, answering and the body: a receiver should answer fast and queue its own work. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Bytes of the response kept in the attempt log: enough for an error message, never a whole page. */
export const MAX_LOGGED_RESPONSE_BYTES = 4_096;

export type WebhookSendResult =
  | { kind: "response"; status: number; body: string }
  | { kind: "refused"; failure: Extract<WebhookFailure, { kind: "refusedAddress" }> }
  | { kind: "error"; failure: WebhookFailure };

/** Errors raised here carry the failure they stand for, so the attempt log keeps its kind, not a sentence. */
class WebhookRequestFailure extends Error {
  constructor(readonly failure: WebhookFailure) {
    super(failure.kind);
  }
}

/** The failure behind a request error: ours as raised, else Node's errno code (or its message when it has none). */
function failureOf(error: Error): WebhookFailure {
  if (error instanceof WebhookRequestFailure) return error.failure;
  const code = (error as NodeJS.ErrnoException).code;
  return { kind: "network", code: typeof code === "string" && code ? code : error.message };
}

/** A lookup that resolves every address of the name and fails unless all are allowed. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0, hints: options.hints }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      if (addresses.length === 0) return callback(new WebhookRequestFailure({ kind: "noAddress", host: hostname }), "", 0);
      if (!allowPrivate) {
        const refused = addresses.find((entry) => classifyAddress(entry.address) !== "public");
        if (refused) return callback(new WebhookRequestFailure({ kind: "refusedAddress", address: refused.address }), "", 0);
      }
      // Node then connects to exactly these checked addresses, never resolving the name again.
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

export async function sendWebhookRequest(input: { url: string; allowPrivate: boolean; headers: Record<string, string>; body: string; timeoutMs?: number }): Promise<WebhookSendResult> {
  const checked = checkWebhookUrl(input.url);
  if (!checked.ok) return { kind: "error", failure: { kind: "invalidUrl", problem: checked.problem } };
  const url = checked.url;
  const literal = literalAddress(url.hostname);
  if (literal && !input.allowPrivate && classifyAddress(literal) !== "public") {
    return { kind: "refused", failure: { kind: "refusedAddress", address: literal } };
  }
  const timeoutMs = input.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const client = url.protocol === "https:" ? https : http;

  return new Promise<WebhookSendResult>((resolve) => {
    let settled = false;
    const finish = (result: WebhookSendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...input.headers, "content-length": String(Buffer.byteLength(input.body)), "user-agent": "CamNangMo-Webhooks/1" },
        lookup: guardedLookup(input.allowPrivate),
        // No connection reuse: every delivery resolves and checks its address afresh.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on("data", (chunk: Buffer) => {
          if (kept >= MAX_LOGGED_RESPONSE_BYTES) return;
          const part = chunk.subarray(0, MAX_LOGGED_RESPONSE_BYTES - kept);
          chunks.push(part);
          kept += part.length;
          // Enough is kept; the rest is not read at all.
          if (kept >= MAX_LOGGED_RESPONSE_BYTES) {
            finish({ kind: "response", status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
            response.destroy();
          }
        });
        response.on("end", () => finish({ kind: "response", status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", (error) => finish({ kind: "response", status: response.statusCode ?? 0, body: `${Buffer.concat(chunks).toString("utf8")}\n[${error.message}]` }));
      },
    );
    const deadline = setTimeout(() => {
      request.destroy(new WebhookRequestFailure({ kind: "timeout", timeoutMs }));
    }, timeoutMs);
    request.on("error", (error) => {
      const failure = failureOf(error);
      if (failure.kind === "refusedAddress") finish({ kind: "refused", failure });
      else finish({ kind: "error", failure });
    });
    request.end(input.body);
  });
}
