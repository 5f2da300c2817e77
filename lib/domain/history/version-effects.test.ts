import { describe, expect, it } from "vitest";
import type { DocumentSnapshot, SnapshotSection } from "../document";
import { versionEffects } from "./version-effects";

function section(id: string, blocks: [string, string][], title = id.toUpperCase()): SnapshotSection {
  return { id, slug: id, title, content: { type: "doc", content: blocks.map(([blockId, text]) => ({ type: "paragraph", attrs: { id: blockId }, content: [{ type: "text", text }] })) } };
}
const snapshot = (...sections: SnapshotSection[]): DocumentSnapshot => ({ slug: "d", title: "D", sections });

describe("what a version did to each section", () => {
  const a = section("a", [["a1", "Một"], ["a2", "Hai"]]);
  const b = section("b", [["b1", "Ba"]]);
  const c = section("c", [["c1", "Bốn"]]);

  it("names every section of a first version as added", () => {
    expect(versionEffects(null, snapshot(a, b)).map((effect) => [effect.kind, effect.section.id])).toEqual([["added", "a"], ["added", "b"]]);
  });

  it("tells amended (a block kept) from replaced (none kept), and leaves unchanged sections out", () => {
    const amended = section("a", [["a1", "Một, sửa"], ["a2", "Hai"]]);
    const replaced = section("b", [["x1", "Hoàn toàn mới"]]);
    expect(versionEffects(snapshot(a, b, c), snapshot(amended, replaced, c)).map((effect) => [effect.kind, effect.section.id])).toEqual([
      ["amended", "a"],
      ["replaced", "b"],
    ]);
  });

  it("finds added, removed, moved and renamed sections", () => {
    const renamed = section("b", [["b1", "Ba"]], "Tên mới");
    const d = section("d", [["d1", "Năm"]]);
    const effects = versionEffects(snapshot(a, b, c), snapshot(c, renamed, d));
    // b and c swapped places: one of them moved (b, which the order keeps after c).
    expect(effects.map((effect) => [effect.kind, effect.section.id])).toEqual([
      ["moved", "b"],
      ["amended", "b"],
      ["added", "d"],
      ["removed", "a"],
    ]);
    expect(effects[1]).toMatchObject({ previousTitle: "B", section: { title: "Tên mới" } });
    expect(effects[0]).toMatchObject({ positionBefore: 1, positionAfter: 1 });
  });

  it("reports nothing for an identical version", () => {
    expect(versionEffects(snapshot(a, b), snapshot(a, b))).toEqual([]);
  });
});
