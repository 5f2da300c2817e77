import { describe, expect, it } from "vitest";
import { atomProblems } from "./atom-problems";
import { buildAtomFeed, type AtomEntry } from "../domain/history/atom";

const entry = (overrides: Partial<AtomEntry> = {}): AtomEntry => ({
  id: "https://camnang.example/cam-nang/v/2",
  title: "Phiên bản 2: Sửa lỗi <định dạng> & chính tả",
  updated: new Date("2026-03-01T02:03:04Z"),
  link: "https://camnang.example/cam-nang/so-sanh?from=1&to=2",
  summary: "Mục “Lời tổng kết”: thêm 3 từ",
  details: ["Dòng <b>một</b>", "Cơ quan đề xuất: Bộ Tài chính"],
  authorName: "Bộ Tài chính",
  ...overrides,
});

function feed(entries: AtomEntry[]) {
  return buildAtomFeed({
    id: "https://camnang.example/cam-nang/feed.xml",
    title: "Cẩm nang — Lịch sử thay đổi",
    selfUrl: "https://camnang.example/cam-nang/feed.xml",
    pageUrl: "https://camnang.example/cam-nang/lich-su",
    authorName: "Cẩm nang mở",
    language: "vi",
    entries,
    fallbackUpdated: new Date(0),
  });
}

describe("the Atom validator of the tests, on the one Atom builder", () => {
  it("are valid Atom to a strict XML parser and the RFC's required elements, even from hostile stored text", () => {
    const hostile = entry({ title: "a\u0000b <c> & \uFFFE\uD800 ]]> d", summary: "\u001F<script>", details: ["\u0008x & y"], authorName: "A & B \u0001" });
    expect(atomProblems(feed([hostile, entry()]))).toEqual([]);
    expect(atomProblems(feed([]))).toEqual([]);
  });

  it("has a validator that finds what it checks for", () => {
    expect(atomProblems("<feed><id>a &  b</id></feed>").length).toBeGreaterThan(0);
    const valid = feed([entry()]);
    expect(atomProblems(valid.replace(/ {2}<author><name>[^<]*<\/name><\/author>\n/g, ""))).toEqual(["entry 1 has no author, nor has the feed"]);
    expect(atomProblems(valid.replace("<updated>2026-03-01T02:03:04.000Z</updated>", "<updated>1 March</updated>"))).toContain('feed: updated "1 March" is not RFC 3339');
  });
});
