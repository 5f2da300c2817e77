import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
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
  | { kind: "refused"; address: string; message: string }
  | { kind: "error"; message: string };

class PrivateAddressRefused extends Error {
  constructor(readonly address: string) {
    super(`refused: ${address} is not a public address`);
  }
}

/** A lookup that resolves every address of the name and fails unless all are allowed. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0, hints: options.hints }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      if (addresses.length === 0) return callback(new Error(`no address for ${hostname}`), "", 0);
      if (!allowPrivate) {
        const refused = addresses.find((entry) => classifyAddress(entry.address) !== "public");
        if (refused) return callback(new PrivateAddressRefused(refused.address), "", 0);
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
  if (!checked.ok) return { kind: "error", message: `invalid URL (${checked.problem})` };
  const url = checked.url;
  const literal = literalAddress(url.hostname);
  if (literal && !input.allowPrivate && classifyAddress(literal) !== "public") {
    return { kind: "refused", address: literal, message: new PrivateAddressRefused(literal).message };
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
      request.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    request.on("error", (error) => {
      if (error instanceof PrivateAddressRefused) finish({ kind: "refused", address: error.address, message: error.message });
      else finish({ kind: "error", message: error.message });
    });
    request.end(input.body);
  });
}
