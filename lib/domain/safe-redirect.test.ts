import { describe, expect, it } from "vitest";
import { MAX_REDIRECT_LENGTH, safeRedirectPath, safeRedirectTarget } from "./safe-redirect";

const BASE = "https://camnang.gov.vn";
const FALLBACK = "/";

/** Values as a handler receives them, after the query string is decoded once. */
const HOSTILE = [
  // The two reproduced against /ngon-ngu: `?next=/%5Cevil.example` and `?next=/%09/evil.example`.
  "/\\evil.example",
  "/\t/evil.example",
  "//evil.example",
  "///evil.example",
  "////evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/\r\n/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  "/\u0085/evil.example",
  "/%5Cevil.example",
  "/%5C%5Cevil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "/%252F%252Fevil.example",
  "/%25252F%25252Fevil.example",
  "/%09/evil.example",
  "/%0D%0A/evil.example",
  "/%2e%2e//evil.example",
  "/./%2e%2e//evil.example",
  "/.//evil.example/..//evil.example",
  "/%E0%A4%A",
  "https://evil.example",
  "http:evil.example",
  "https:/evil.example",
  "//camnang.gov.vn@evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  " //evil.example",
  "evil.example",
  "@evil.example",
  "",
  "/" + "a".repeat(MAX_REDIRECT_LENGTH),
];

const ALLOWED: [string, string][] = [
  ["/", "/"],
  ["/lam-viec", "/lam-viec"],
  ["/cam-nang-chuyen-doi-so/v/2#loi-tong-ket", "/cam-nang-chuyen-doi-so/v/2#loi-tong-ket"],
  ["/tim-kiem?q=ch%C3%ADnh%20ph%E1%BB%A7", "/tim-kiem?q=ch%C3%ADnh%20ph%E1%BB%A7"],
  ["/tim-kiem?q=chính phủ", "/tim-kiem?q=ch%C3%ADnh%20ph%E1%BB%A7"],
  ["/a/../lam-viec", "/lam-viec"],
  ["/@evil.example", "/@evil.example"],
  ["/.evil.example", "/.evil.example"],
];

describe("safeRedirectPath", () => {
  it.each(HOSTILE)("refuses %j", (value) => {
    expect(safeRedirectPath(value, FALLBACK, BASE)).toBe(FALLBACK);
  });

  it.each(ALLOWED)("follows %j as %j", (value, expected) => {
    expect(safeRedirectPath(value, FALLBACK, BASE)).toBe(expected);
  });

  it("never returns a path that a browser would read as another host", () => {
    for (const value of [...HOSTILE, ...ALLOWED.map(([value]) => value)]) {
      const path = safeRedirectPath(value, "/fallback", BASE);
      expect(new URL(path, BASE).origin).toBe(BASE);
      expect(path.startsWith("//")).toBe(false);
      expect(path).not.toMatch(/[\\\t\r\n]/);
    }
  });

  it("falls back on missing values", () => {
    expect(safeRedirectPath(null, "/lam-viec")).toBe("/lam-viec");
    expect(safeRedirectPath(undefined, "/lam-viec")).toBe("/lam-viec");
  });
});

describe("safeRedirectTarget (next-auth's callback URL)", () => {
  it("reduces an absolute URL on our own origin to its path", () => {
    expect(safeRedirectTarget(`${BASE}/lam-viec/de-xuat/abc?muc=x#review`, "/lam-viec", BASE)).toBe("/lam-viec/de-xuat/abc?muc=x#review");
  });

  it("refuses other origins, including look-alikes and other ports or schemes", () => {
    for (const value of ["https://evil.example/lam-viec", "https://camnang.gov.vn.evil.example/", "http://camnang.gov.vn/lam-viec", "https://camnang.gov.vn:8443/", "https://camnang.gov.vn@evil.example/", `${BASE}//evil.example`, `${BASE}/\\evil.example`]) {
      expect(safeRedirectTarget(value, "/lam-viec", BASE)).toBe("/lam-viec");
    }
  });

  it("checks relative values like safeRedirectPath", () => {
    for (const value of HOSTILE) expect(safeRedirectTarget(value, "/lam-viec", BASE)).toBe("/lam-viec");
    expect(safeRedirectTarget("/quan-tri", "/lam-viec", BASE)).toBe("/quan-tri");
  });
});
