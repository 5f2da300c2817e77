import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashCanonical } from "../canonical";
import type { DocumentSnapshot, SnapshotSection } from "../document";
import { blockIds, sectionEffectsAcross, versionEffects, type PlacedVersion } from "./version-effects";

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

describe("one section's effects across the history", () => {
  /** Placements of snapshots as the database stores them: revision ids content-addressed per section. */
  function placed(snapshots: DocumentSnapshot[]): { versions: PlacedVersion[]; blocks: Map<string, Set<string>> } {
    const blocks = new Map<string, Set<string>>();
    const versions = snapshots.map((snapshot, index) => ({
      number: index + 1,
      sections: snapshot.sections.map((entry, position) => {
        const revisionId = `${entry.id}:${hashCanonical(entry.content)}`;
        blocks.set(revisionId, blockIds(entry.content));
        return { sectionId: entry.id, revisionId, title: entry.title, position };
      }),
    }));
    return { versions, blocks };
  }

  it("lists the versions that added, amended, moved and removed a section", () => {
    const a = section("a", [["a1", "Một"]]);
    const b = section("b", [["b1", "Hai"]]);
    const history = [snapshot(a, b), snapshot(a, section("b", [["b1", "Hai, sửa"]])), snapshot(a), snapshot(a, section("b", [["n1", "Mới"]]))];
    const { versions, blocks } = placed(history);
    const across = sectionEffectsAcross({ id: "b", slug: "b" }, versions, (id) => blocks.get(id)!);
    expect(across.map((entry) => [entry.number, entry.effects.map((effect) => effect.kind)])).toEqual([
      [1, ["added"]],
      [2, ["amended"]],
      [3, ["removed"]],
      [4, ["added"]],
    ]);
  });

  it("property: says of a section exactly what each version's effects table says of it", () => {
    const ids = ["a", "b", "c", "d", "e"];
    const sectionArb = (id: string) =>
      fc
        .tuple(fc.subarray(["1", "2", "3"], { minLength: 0 }), fc.constantFrom("T", "U"), fc.boolean())
        .map(([blocks, title, edited]) => section(id, blocks.map((block) => [`${id}${block}`, edited ? "sửa" : "gốc"] as [string, string]), `${id}${title}`));
    const snapshotArb = fc
      .shuffledSubarray(ids, { minLength: 1 })
      .chain((order) => fc.tuple(...order.map(sectionArb)))
      .map((sections) => snapshot(...sections));
    fc.assert(
      fc.property(fc.array(snapshotArb, { minLength: 1, maxLength: 6 }), (history) => {
        const { versions, blocks } = placed(history);
        for (const id of ids) {
          const across = sectionEffectsAcross({ id, slug: id }, versions, (revision) => blocks.get(revision)!);
          const expected = history
            .map((after, index) => ({ number: index + 1, effects: versionEffects(index === 0 ? null : history[index - 1], after).filter((effect) => effect.section.id === id) }))
            .filter((entry) => entry.effects.length > 0);
          expect(across).toEqual(expected);
        }
      }),
    );
  });
});
