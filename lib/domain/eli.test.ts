import { describe, expect, it } from "vitest";
import { eliUri, legislationJsonLd, parseEliPath, readerPathFor, scriptSafeJson } from "./eli";

const BASE = "https://camnang.gov.vn/";

describe("ELI-style identifiers", () => {
  it("follow the template for the work, a version, a day and a language, and read back", () => {
    const targets = [
      { document: "cam-nang" },
      { document: "cam-nang", version: 2 },
      { document: "cam-nang", version: 2, language: "vie" as const },
      { document: "cam-nang", date: "2025-03-15", language: "eng" as const },
    ];
    expect(targets.map((target) => eliUri(BASE, target))).toEqual([
      "https://camnang.gov.vn/eli/cam-nang/cam-nang",
      "https://camnang.gov.vn/eli/cam-nang/cam-nang/v2",
      "https://camnang.gov.vn/eli/cam-nang/cam-nang/v2/vie",
      "https://camnang.gov.vn/eli/cam-nang/cam-nang/2025-03-15/eng",
    ]);
    for (const target of targets) {
      const path = new URL(eliUri(BASE, target)).pathname.split("/").slice(2);
      expect(parseEliPath(path)).toEqual(target);
    }
    expect(readerPathFor({ document: "cam-nang", date: "2025-03-15" })).toBe("/cam-nang/ngay/2025-03-15");
  });

  it("refuses paths that follow no template", () => {
    for (const path of [["khac", "cam-nang"], ["cam-nang", "Cam Nang"], ["cam-nang", "d", "v0"], ["cam-nang", "d", "v2", "fra"], ["cam-nang", "d", "v2", "vie", "x"]]) {
      expect(parseEliPath(path), path.join("/")).toBeNull();
    }
  });

  it("describe a version as schema.org Legislation with both dates, and cannot close its script element", () => {
    const jsonLd = legislationJsonLd({
      base: BASE,
      document: { slug: "d", title: "Tài liệu </script>" },
      version: { number: 2, publishedOn: "2025-05-20", effectiveFrom: "2025-06-01", supersededOn: null, hash: "ab" },
      inForce: true,
      legalBasis: "Nghị định 42/2022/NĐ-CP",
    });
    expect(jsonLd).toMatchObject({ "@type": "Legislation", legislationDate: "2025-05-20", legislationDateOfApplicability: "2025-06-01", version: "2" });
    expect(jsonLd.isBasedOn).toEqual(["https://camnang.gov.vn/eli/cam-nang/d/v1", { "@type": "Legislation", name: "Nghị định 42/2022/NĐ-CP" }]);
    const text = scriptSafeJson(jsonLd);
    expect(text).not.toContain("</script>");
    expect(JSON.parse(text)).toEqual(jsonLd);
  });
});
