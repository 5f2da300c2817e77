import { describe, expect, it } from "vitest";
import { normalizeAddressHeaders } from "./client-address";
import { collabConnectSource, contentSecurityPolicy, createNonce, NONCE_PATTERN, servedOverHttps } from "./security-headers";

const directive = (policy: string, name: string) => policy.split("; ").find((part) => part.startsWith(`${name} `)) ?? "";

describe("the Content Security Policy (issue item 10)", () => {
  it("lets scripts run only with the response's nonce, never inline", () => {
    const nonce = createNonce();
    const policy = contentSecurityPolicy({ nonce, collabSource: "ws://localhost:3001", development: false });
    expect(directive(policy, "script-src")).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).not.toContain("unsafe-eval");
    expect(directive(policy, "object-src")).toBe("object-src 'none'");
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
  });

  it("opens connections to this site and the collaboration server only, not to any WebSocket", () => {
    const policy = contentSecurityPolicy({ nonce: createNonce(), collabSource: collabConnectSource({ COLLAB_PUBLIC_URL: "wss://camnang.gov.vn/collab" }), development: false });
    expect(directive(policy, "connect-src")).toBe("connect-src 'self' wss://camnang.gov.vn");
    expect(policy).not.toMatch(/connect-src[^;]*\bws:(?!\/)/);
    expect(collabConnectSource({})).toBe("ws://localhost:3001");
    expect(collabConnectSource({ COLLAB_PORT: "3301" })).toBe("ws://localhost:3301");
    expect(collabConnectSource({ COLLAB_PUBLIC_URL: "https://collab.example:8443/x" })).toBe("wss://collab.example:8443");
    expect(collabConnectSource({ COLLAB_PUBLIC_URL: "javascript:alert(1)" })).toBeNull();
  });

  it("makes a new, unguessable nonce every time", () => {
    const nonces = new Set(Array.from({ length: 1_000 }, () => createNonce()));
    expect(nonces.size).toBe(1_000);
    for (const nonce of nonces) expect(nonce).toMatch(NONCE_PATTERN);
  });
});

describe("HSTS", () => {
  it("is sent when the public URL is HTTPS, or a trusted proxy says the client used HTTPS", () => {
    expect(servedOverHttps({ publicUrl: "https://camnang.gov.vn", forwardedProto: null, trustedHops: 0 })).toBe(true);
    expect(servedOverHttps({ publicUrl: "http://localhost:3000", forwardedProto: "https", trustedHops: 1 })).toBe(true);
    expect(servedOverHttps({ publicUrl: "http://localhost:3000", forwardedProto: "https, http", trustedHops: 2 })).toBe(true);
  });

  it("is not sent on plain HTTP, whatever a client claims", () => {
    expect(servedOverHttps({ publicUrl: "http://localhost:3000", forwardedProto: "https", trustedHops: 0 })).toBe(false);
    expect(servedOverHttps({ publicUrl: undefined, forwardedProto: null, trustedHops: 1 })).toBe(false);
  });
});

describe("the address headers the proxy passes on (issue item 3)", () => {
  const normalized = (headers: Record<string, string>, hops: number) => {
    const result = new Headers(headers);
    normalizeAddressHeaders(result, hops);
    return result;
  };

  it("drops what a client wrote when no proxy is trusted, so Next fills in the socket's address", () => {
    const headers = normalized({ "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.9", forwarded: "for=203.0.113.9" }, 0);
    expect(headers.get("x-forwarded-for")).toBeNull();
    expect(headers.get("x-real-ip")).toBeNull();
    expect(headers.get("forwarded")).toBeNull();
  });

  it("keeps only the address the trusted proxy appended", () => {
    expect(normalized({ "x-forwarded-for": "10.9.9.9, 203.0.113.9" }, 1).get("x-forwarded-for")).toBe("203.0.113.9");
    expect(normalized({ "x-forwarded-for": "not-an-address" }, 1).get("x-forwarded-for")).toBeNull();
  });
});
