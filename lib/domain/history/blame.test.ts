import { describe, expect, it } from "vitest";
import type { RichNode, SectionContent } from "../document";
import { createRandom } from "../fixtures/random";
import { EMPTY_BLAME_STATE, advanceBlame, blameOfState, blameVersions, type BlameVersion } from "./blame";

const p = (id: string | null, text: string): RichNode => ({ type: "paragraph", ...(id ? { attrs: { id } } : {}), content: [{ type: "text", text }] });
const doc = (...blocks: RichNode[]): SectionContent => ({ type: "doc", content: blocks });
const version = (number: number, ...sections: [string, string, SectionContent][]): BlameVersion => ({
  number,
  sections: sections.map(([id, contentKey, content]) => ({ id, contentKey, content })),
});

function changedIn(result: ReturnType<typeof blameVersions>, sectionId: string): (number | string)[] {
  const section = result.find((candidate) => candidate.sectionId === sectionId);
  return section ? section.blocks.map((block) => block.changedIn) : [];
}

describe("blame", () => {
  it("credits every block of a first version to version 1", () => {
    const result = blameVersions([version(1, ["s", "r1", doc(p("a", "Một"), p("b", "Hai"))])]);
    expect(changedIn(result, "s")).toEqual([1, 1]);
    expect(result[0].addedIn).toBe(1);
  });

  it("credits a changed block to the version that changed it and keeps the others", () => {
    const result = blameVersions([
      version(1, ["s", "r1", doc(p("a", "Một"), p("b", "Hai"), p("c", "Ba"))]),
      version(2, ["s", "r2", doc(p("a", "Một"), p("b", "Hai đã sửa"), p("c", "Ba"))]),
      version(3, ["s", "r3", doc(p("a", "Một"), p("b", "Hai đã sửa"), p("c", "Ba"), p("d", "Bốn"))]),
    ]);
    expect(changedIn(result, "s")).toEqual([1, 2, 1, 3]);
  });

  it("does not credit a block for moving, only for changing", () => {
    const result = blameVersions([
      version(1, ["s", "r1", doc(p("a", "Một"), p("b", "Hai"))]),
      version(2, ["s", "r2", doc(p("b", "Hai"), p("a", "Một"))]),
    ]);
    expect(changedIn(result, "s")).toEqual([1, 1]);
  });

  it("credits a block that came back after a removal to the version that restored it", () => {
    const result = blameVersions([
      version(1, ["s", "r1", doc(p("a", "Một"), p("b", "Hai"))]),
      version(2, ["s", "r2", doc(p("a", "Một"))]),
      version(3, ["s", "r1", doc(p("a", "Một"), p("b", "Hai"))]),
    ]);
    expect(changedIn(result, "s")).toEqual([1, 3]);
  });

  it("skips sections whose content key did not change, whatever content is passed", () => {
    const result = blameVersions([
      version(1, ["s", "r1", doc(p("a", "Một"))], ["t", "t1", doc(p("x", "Mười"))]),
      // The caller may pass a placeholder for sections it knows are unchanged.
      version(2, ["s", "r1", doc()], ["t", "t2", doc(p("x", "Mười một"))]),
    ]);
    expect(changedIn(result, "s")).toEqual([1]);
    expect(changedIn(result, "t")).toEqual([2]);
  });

  it("follows blocks without ids by their text", () => {
    const result = blameVersions([
      version(1, ["s", "r1", doc(p(null, "Không có mã"), p(null, "Cũ"))]),
      version(2, ["s", "r2", doc(p(null, "Không có mã"), p(null, "Mới"))]),
    ]);
    expect(changedIn(result, "s")).toEqual([1, 2]);
  });

  it("treats a section added later, and its blocks, as new in that version", () => {
    const result = blameVersions([
      version(1, ["s", "r1", doc(p("a", "Một"))]),
      version(2, ["s", "r1", doc(p("a", "Một"))], ["n", "n1", doc(p("a", "Một"))]),
    ]);
    expect(result.map((section) => [section.sectionId, section.addedIn])).toEqual([["s", 1], ["n", 2]]);
    expect(changedIn(result, "n")).toEqual([2]);
  });

  it("notices a formatting change as a change", () => {
    const bold: RichNode = { type: "paragraph", attrs: { id: "a" }, content: [{ type: "text", text: "Một", marks: [{ type: "bold" }] }] };
    const result = blameVersions([version(1, ["s", "r1", doc(p("a", "Một"))]), version(2, ["s", "r2", doc(bold)])]);
    expect(changedIn(result, "s")).toEqual([2]);
  });

  it("returns nothing for no versions", () => {
    expect(blameVersions([])).toEqual([]);
  });
});

describe("incremental blame", () => {
  it("gives from any intermediate state exactly what a walk from version 1 gives", () => {
    const random = createRandom(11);
    const versions: BlameVersion[] = [];
    let blocks: RichNode[] = [p("a", "Một"), p("b", "Hai")];
    for (let number = 1; number <= 40; number++) {
      if (number > 1) {
        const roll = random.int(0, 2);
        if (roll === 0) blocks = [...blocks, p(`n${number}`, `Mới ${number}`)];
        else if (roll === 1 && blocks.length > 1) blocks = blocks.filter((_, index) => index !== random.int(0, blocks.length - 1));
        else blocks = blocks.map((block, index) => (index === random.int(0, blocks.length - 1) ? p(String(block.attrs?.id), `Sửa ${number}`) : block));
      }
      versions.push(version(number, ["s", `r${number}`, doc(...blocks)], ["t", "r-fixed", doc(p("z", "Cố định"))]));
    }
    const whole = blameVersions(versions);
    for (const cut of [1, 7, 20, 39]) {
      const state = versions.slice(0, cut).reduce(advanceBlame, EMPTY_BLAME_STATE);
      expect(blameOfState(versions.slice(cut).reduce(advanceBlame, state))).toEqual(whole);
    }
  });
});
