import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import {
  MAX_WEBHOOK_ATTEMPTS,
  WEBHOOK_RETRY_DELAYS_MS,
  checkWebhookUrl,
  classifyAddress,
  generateWebhookSecret,
  literalAddress,
  nextWebhookAttempt,
  signWebhook,
  webhookBody,
  webhookHeaders,
  webhookSecretKey,
} from "./webhooks";

describe("webhook signatures", () => {
  it("verify with the Standard Webhooks reference implementation, for any id and body", () => {
    const secret = generateWebhookSecret();
    const reference = new Webhook(secret);
    fc.assert(
      fc.property(fc.stringMatching(/^msg_[A-Za-z0-9]{1,40}$/), fc.json(), (id, json) => {
        const timestampSeconds = Math.floor(Date.now() / 1000);
        const headers = webhookHeaders({ secret, id, timestampSeconds, body: json });
        expect(reference.verify(json, headers)).toEqual(JSON.parse(json));
        // The reference's own signature is the same string.
        expect(headers["webhook-signature"]).toBe(reference.sign(id, new Date(timestampSeconds * 1000), json));
      }),
      { numRuns: 200 },
    );
  });

  it("fail verification when the body, id, timestamp or secret differ", () => {
    const secret = generateWebhookSecret();
    const timestampSeconds = Math.floor(Date.now() / 1000);
    const body = webhookBody({ event: "version.published", occurredAt: new Date(), data: { number: 2 } });
    const headers = webhookHeaders({ secret, id: "msg_1", timestampSeconds, body });
    const reference = new Webhook(secret);
    expect(() => reference.verify(body.replace("2", "3"), headers)).toThrow();
    expect(() => reference.verify(body, { ...headers, "webhook-id": "msg_2" })).toThrow();
    expect(() => reference.verify(body, { ...headers, "webhook-timestamp": String(timestampSeconds + 1) })).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });

  it("take only whsec_ secrets of 24 to 64 bytes", () => {
    expect(webhookSecretKey(generateWebhookSecret())?.length).toBe(32);
    expect(webhookSecretKey(`whsec_${Buffer.alloc(24, 1).toString("base64")}`)?.length).toBe(24);
    expect(webhookSecretKey(`whsec_${Buffer.alloc(23, 1).toString("base64")}`)).toBeNull();
    expect(webhookSecretKey(`whsec_${Buffer.alloc(65, 1).toString("base64")}`)).toBeNull();
    expect(webhookSecretKey(Buffer.alloc(32, 1).toString("base64"))).toBeNull();
    expect(webhookSecretKey("whsec_not base64!")).toBeNull();
    expect(() => signWebhook({ secret: "plain", id: "msg_1", timestampSeconds: 1, body: "{}" })).toThrow();
  });

  it("wrap the data in the specification's envelope", () => {
    const occurredAt = new Date("2026-12-02T10:00:00Z");
    expect(JSON.parse(webhookBody({ event: "proposal.submitted", occurredAt, data: { id: "p1" } }))).toEqual({
      type: "proposal.submitted",
      timestamp: "2026-12-02T10:00:00.000Z",
      data: { id: "p1" },
    });
  });
});

describe("retry schedule", () => {
  it("waits longer after every failure and stops after the last attempt", () => {
    const failedAt = new Date("2026-12-02T00:00:00Z");
    const delays: number[] = [];
    for (let attempts = 1; attempts < MAX_WEBHOOK_ATTEMPTS; attempts += 1) delays.push(nextWebhookAttempt(attempts, failedAt)!.getTime() - failedAt.getTime());
    expect(delays).toEqual([...WEBHOOK_RETRY_DELAYS_MS]);
    for (let i = 1; i < delays.length; i += 1) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(delays[0]).toBe(5_000);
    expect(nextWebhookAttempt(MAX_WEBHOOK_ATTEMPTS, failedAt)).toBeNull();
    expect(nextWebhookAttempt(0, failedAt)).toBeNull();
  });
});

describe("address classification", () => {
  it.each([
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "255.255.255.255", "224.0.0.1", "192.0.2.1", "198.18.0.1", "240.0.0.1",
    "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
    "64:ff9b::7f00:1", "2002:7f00:1::", "2001:db8::1", "2001::1", "not-an-address", "",
  ])("%s is not public", (address) => {
    expect(classifyAddress(address)).toBe("private");
  });

  it.each(["8.8.8.8", "1.1.1.1", "14.225.0.1", "203.162.4.191", "172.32.0.1", "2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8"])("%s is public", (address) => {
    expect(classifyAddress(address)).toBe("public");
  });

  it("judges every address of 10/8, 127/8 and 192.168/16 private", () => {
    fc.assert(
      fc.property(fc.constantFrom(10, 127, 192), fc.nat(255), fc.nat(255), fc.nat(255), (first, b, c, d) => {
        const address = first === 192 ? `192.168.${c}.${d}` : `${first}.${b}.${c}.${d}`;
        expect(classifyAddress(address)).toBe("private");
        expect(classifyAddress(`::ffff:${address}`)).toBe("private");
      }),
    );
  });
});

describe("endpoint URLs", () => {
  it("accept http and https without credentials", () => {
    expect(checkWebhookUrl("https://hooks.example.vn/camnang").ok).toBe(true);
    expect(checkWebhookUrl(" http://127.0.0.1:8080/x ").ok).toBe(true);
    expect(checkWebhookUrl("ftp://example.vn/")).toEqual({ ok: false, problem: "scheme" });
    expect(checkWebhookUrl("file:///etc/passwd")).toEqual({ ok: false, problem: "scheme" });
    expect(checkWebhookUrl("https://user:pass@example.vn/")).toEqual({ ok: false, problem: "credentials" });
    expect(checkWebhookUrl("not a url")).toEqual({ ok: false, problem: "invalid" });
    expect(checkWebhookUrl(`https://example.vn/${"a".repeat(2_001)}`)).toEqual({ ok: false, problem: "tooLong" });
  });

  it("see through the spellings of an address the URL parser normalizes", () => {
    for (const raw of ["http://2130706433/", "http://0x7f.1/", "http://127.1/", "http://[::1]:9000/", "http://[::ffff:7f00:1]/"]) {
      const checked = checkWebhookUrl(raw);
      expect(checked.ok).toBe(true);
      if (!checked.ok) continue;
      const address = literalAddress(checked.url.hostname);
      expect(address, raw).not.toBeNull();
      expect(classifyAddress(address!), raw).toBe("private");
    }
    expect(literalAddress("hooks.example.vn")).toBeNull();
  });
});
