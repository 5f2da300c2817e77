import { describe, expect, it } from "vitest";
import { paginate, type Box } from "./paginate";

function strip(height: number, partial: Partial<Box<null>> = {}): Box<null> {
  return { height, spaceBefore: 0, keepWithNext: false, pageBreakBefore: false, anchor: null, draw: () => undefined, ...partial };
}

describe("paginate", () => {
  it("fills a page, then continues at the top of the next, dropping the space above a page's first box", () => {
    const { placements, pageCount } = paginate([strip(40), strip(40, { spaceBefore: 10 }), strip(40, { spaceBefore: 10 })], 100);
    expect(placements).toEqual([
      { page: 0, y: 0, spaceAbove: 0 },
      { page: 0, y: 50, spaceAbove: 10 },
      { page: 1, y: 0, spaceAbove: 0 },
    ]);
    expect(pageCount).toBe(2);
  });

  it("moves a heading to the next page with the line it must stay with", () => {
    const { placements } = paginate([strip(70), strip(20, { keepWithNext: true }), strip(20)], 100);
    expect(placements.map((placement) => placement.page)).toEqual([0, 1, 1]);
  });

  it("ignores a chain of kept boxes that could never fit one page", () => {
    const { placements } = paginate([strip(10), strip(60, { keepWithNext: true }), strip(60)], 100);
    expect(placements.map((placement) => placement.page)).toEqual([0, 0, 1]);
  });

  it("starts a new page before a box that asks for one, but not on an empty page", () => {
    const { placements, pageCount } = paginate([strip(10, { pageBreakBefore: true }), strip(10), strip(10, { pageBreakBefore: true })], 100);
    expect(placements.map((placement) => placement.page)).toEqual([0, 0, 1]);
    expect(pageCount).toBe(2);
  });

  it("places a box taller than a page alone at a page top", () => {
    const { placements } = paginate([strip(10), strip(150), strip(10)], 100);
    expect(placements.map((placement) => [placement.page, placement.y])).toEqual([[0, 0], [1, 0], [2, 0]]);
  });
});
