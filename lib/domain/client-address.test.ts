import { describe, expect, it } from "vitest";
import { addressRateKey, forwardedClientAddress, isIpAddress, MAX_TRUSTED_PROXY_HOPS, parseTrustProxy } from "./client-address";

describe("TRUST_PROXY", () => {
  it("trusts no proxy by default", () => {
    for (const raw of [undefined, "", " ", "0", "false", "FALSE"]) expect(parseTrustProxy(raw)).toBe(0);
  });

  it("takes a small number of hops", () => {
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy(String(MAX_TRUSTED_PROXY_HOPS))).toBe(MAX_TRUSTED_PROXY_HOPS);
  });

  it("refuses anything else instead of trusting every client", () => {
    for (const raw of ["true", "yes", "-1", "1.5", "6", "10", "all", "127.0.0.1"]) expect(() => parseTrustProxy(raw)).toThrow(/TRUST_PROXY/);
  });
});

describe("the client's address behind trusted proxies", () => {
  it("ignores the header when no proxy is trusted", () => {
    expect(forwardedClientAddress("203.0.113.9", 0)).toBeNull();
  });

  it("takes the entry the outermost trusted proxy appended, not what the client claimed", () => {
    // The client sent "X-Forwarded-For: 198.51.100.1"; nginx appended the address it saw.
    expect(forwardedClientAddress("198.51.100.1, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(forwardedClientAddress("198.51.100.1, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(forwardedClientAddress("203.0.113.9", 1)).toBe("203.0.113.9");
    expect(forwardedClientAddress("2001:DB8::1", 1)).toBe("2001:db8::1");
  });

  it("does not let a client pick a new key per attempt", () => {
    const seen = new Set<string | null>();
    for (let attempt = 0; attempt < 50; attempt += 1) seen.add(forwardedClientAddress(`10.1.${attempt}.7, 203.0.113.9`, 1));
    expect([...seen]).toEqual(["203.0.113.9"]);
  });

  it("falls back to the socket when the header holds no address", () => {
    for (const header of [null, "", " , ", "unknown", "203.0.113.9:443", "<script>", "a".repeat(100)]) {
      expect(forwardedClientAddress(header, 1)).toBeNull();
    }
  });

  it("recognizes IPv4 and IPv6 addresses only", () => {
    for (const address of ["127.0.0.1", "::1", "2001:db8::8a2e:370:7334", "::ffff:192.0.2.1", "fe80::1%eth0"]) expect(isIpAddress(address)).toBe(true);
    for (const value of ["localhost", "1.2.3", "1.2.3.4.5", "gggg::1", "", "1.2.3.4, 5.6.7.8"]) expect(isIpAddress(value)).toBe(false);
  });
});

describe("the key an address is counted under", () => {
  it("counts IPv4 addresses one by one, mapped or not", () => {
    expect(addressRateKey("192.0.2.1")).toBe("192.0.2.1");
    expect(addressRateKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
  });

  it("counts a whole IPv6 /64 as one address", () => {
    const key = addressRateKey("2001:db8:0:1:aaaa:bbbb:cccc:dddd");
    expect(key).toBe("2001:db8:0:1::/64");
    expect(addressRateKey("2001:0db8:0000:0001::1")).toBe(key);
    expect(addressRateKey("2001:db8:0:2::1")).not.toBe(key);
    expect(addressRateKey("::1")).toBe("0:0:0:0::/64");
  });
});
