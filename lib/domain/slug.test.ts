import { describe, expect, it } from "vitest";
import { RESERVED_SECTION_SLUGS, slugify, uniqueSlug } from "./slug";

describe("slugs", () => {
  it("folds Vietnamese into readable ASCII", () => {
    expect(slugify("Lời tổng kết")).toBe("loi-tong-ket");
    expect(slugify("Kỳ 18 (kì cuối): Sau chính phủ số là gì?")).toBe("ky-18-ki-cuoi-sau-chinh-phu-so-la-gi");
  });

  it("never hands out a slug that a fixed route would shadow", () => {
    for (const reserved of RESERVED_SECTION_SLUGS) expect(uniqueSlug(reserved, new Set())).not.toBe(reserved);
    expect(uniqueSlug("Lịch sử", new Set())).toBe("lich-su-2");
  });

  it("adds a number when the slug is taken", () => {
    expect(uniqueSlug("Lời tổng kết", new Set(["loi-tong-ket", "loi-tong-ket-2"]))).toBe("loi-tong-ket-3");
  });
});
