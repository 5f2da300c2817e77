import { describe, expect, it } from "vitest";
import { sectionChanges, type PlacementRow, type VersionPlacements } from "./section-history";

const row = (sectionId: string, revisionId: string, position: number, title = sectionId): PlacementRow => ({ sectionId, revisionId, position, title });
const v = (number: number, ...sections: PlacementRow[]): VersionPlacements => ({ number, sections });

describe("section history", () => {
  const versions = [
    v(1, row("a", "a1", 0), row("b", "b1", 1)),
    v(2, row("a", "a2", 0), row("b", "b1", 1)),
    v(3, row("c", "c1", 0), row("a", "a2", 1), row("b", "b1", 2)),
    v(4, row("c", "c1", 0), row("b", "b1", 1), row("a", "a2", 2, "A mới")),
    v(5, row("c", "c1", 0), row("b", "b1", 1)),
  ];

  it("lists the versions that added, changed, renamed, moved and removed a section", () => {
    expect(sectionChanges("a", versions).map((change) => [change.number, change.kinds])).toEqual([
      [1, ["added"]],
      [2, ["content"]],
      [4, ["renamed", "moved"]],
      [5, ["removed"]],
    ]);
  });

  it("does not call a section moved because another was added before it", () => {
    expect(sectionChanges("b", versions).map((change) => [change.number, change.kinds])).toEqual([
      [1, ["added"]],
      [4, ["moved"]],
    ]);
  });

  it("records titles and revisions on both sides", () => {
    const rename = sectionChanges("a", versions).find((change) => change.number === 4);
    expect(rename).toMatchObject({ title: "A mới", previousTitle: "a", revisionBefore: "a2", revisionAfter: "a2" });
    const removal = sectionChanges("a", versions).find((change) => change.number === 5);
    expect(removal).toMatchObject({ title: "A mới", revisionBefore: "a2", revisionAfter: null });
  });

  it("is empty for a section no version holds", () => {
    expect(sectionChanges("z", versions)).toEqual([]);
  });
});
