import { describe, expect, it } from "vitest";
import { authOptions, DEFAULT_AFTER_SIGN_IN } from "./options";

const BASE = "https://camnang.gov.vn";

describe("next-auth's redirect callback (issue item 1)", () => {
  const redirect = (url: string) => authOptions.callbacks!.redirect!({ url, baseUrl: BASE });

  it("follows paths and URLs of the site", async () => {
    expect(await redirect("/lam-viec/de-xuat/abc")).toBe(`${BASE}/lam-viec/de-xuat/abc`);
    expect(await redirect(`${BASE}/quan-tri?x=1`)).toBe(`${BASE}/quan-tri?x=1`);
  });

  it("sends everything else to the workspace", async () => {
    for (const url of ["https://evil.example/", "//evil.example", "/\\evil.example", "/%5Cevil.example", "/\t/evil.example", `${BASE}.evil.example/`, "javascript:alert(1)"]) {
      expect(await redirect(url)).toBe(`${BASE}${DEFAULT_AFTER_SIGN_IN}`);
    }
  });
});
