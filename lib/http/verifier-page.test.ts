import { describe, expect, it } from "vitest";
import { buildVerifierBundle } from "../ops/build-verifier";
import { requestNonce, verifierPageHtml } from "./verifier-page";
import { contentSecurityPolicy, createNonce } from "./security-headers";

describe("the /kiem-chung page", () => {
  it("carries its whole script inline with the response's nonce, and its data where no markup can break out", async () => {
    await buildVerifierBundle();
    const nonce = createNonce();
    const headers = new Headers({ "content-security-policy": contentSecurityPolicy({ nonce, collabSource: null, development: false }) });
    expect(requestNonce(headers)).toBe(nonce);
    expect(requestNonce(new Headers({ "content-security-policy": "script-src 'nonce-<b>'" }))).toBeNull();
    const hostilePolicy = "log camnang.test/log+00000000+AQ==\n</script><script>alert(1)</script>\n";
    const html = verifierPageHtml({ locale: "vi", nonce, policy: hostilePolicy, site: "https://camnang.test" });
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1]);
    expect(scripts).toEqual([' type="application/json" id="kiem-chung-data"', ` nonce="${nonce}"`]);
    // No external script, stylesheet or font: a copy saved to disk needs nothing else.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|@import|url\(/);
    const data = html.slice(html.indexOf('id="kiem-chung-data">') + 'id="kiem-chung-data">'.length, html.indexOf("</script>"));
    expect(JSON.parse(data)).toEqual({ policy: hostilePolicy, site: "https://camnang.test", locale: "vi" });
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain('<html lang="vi">');
    expect(verifierPageHtml({ locale: "en", nonce: null, policy: "", site: "" })).toContain("<title>Verify a text — Cẩm nang mở</title>");
  });
});
