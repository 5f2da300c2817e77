import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blockListOfKey,
  blockRevisionKey,
  combinePlacements,
  decodeOutline,
  decodeRevisionKeys,
  encodeOutline,
  encodeRevisionKeys,
  outlineHash,
} from "./section-placements";

const sectionId = fc.stringMatching(/^sec-[0-9a-f]{1,16}$/);
const cuid = fc.stringMatching(/^c[0-9a-z]{24}$/);
const blockIds = fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 30 });
const revisionKey = fc.oneof(cuid, blockIds.map(blockRevisionKey));

describe("section placements", () => {
  it("reads back any outline and any revision keys exactly, and pairs them by position", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ sectionId, title: fc.string(), key: revisionKey }), { maxLength: 40 }), (sections) => {
        const outline = decodeOutline(encodeOutline(sections));
        expect(outline).toEqual(sections.map(({ sectionId, title }) => ({ sectionId, title })));
        const keys = decodeRevisionKeys(encodeRevisionKeys(sections.map((section) => section.key)));
        expect(keys).toEqual(sections.map((section) => section.key));
        expect(combinePlacements(outline, keys)).toEqual(sections.map((section, position) => ({ sectionId: section.sectionId, revisionId: section.key, title: section.title, position })));
      }),
    );
  });

  it("tells a block list from a revision row's id, and reads the list back", () => {
    fc.assert(
      fc.property(blockIds, cuid, (ids, id) => {
        expect(blockListOfKey(blockRevisionKey(ids))).toEqual(ids);
        expect(blockListOfKey(id)).toBeNull();
      }),
    );
  });

  it("addresses an outline by its exact text", () => {
    const text = encodeOutline([{ sectionId: "sec-1", title: "Mở đầu" }]);
    expect(outlineHash(text)).toEqual(outlineHash(text));
    expect(outlineHash(text)).not.toEqual(outlineHash(encodeOutline([{ sectionId: "sec-1", title: "Mở đầu." }])));
  });

  it("refuses what it cannot read back: a key with a space, an outline that is not one, keys that do not pair", () => {
    expect(() => encodeRevisionKeys(["a b"])).toThrow();
    expect(() => encodeRevisionKeys([""])).toThrow();
    expect(() => decodeOutline('{"sec-1":"Mở đầu"}')).toThrow();
    expect(() => decodeOutline('[["sec-1"]]')).toThrow();
    expect(() => blockListOfKey("b:1,x")).toThrow();
    expect(combinePlacements([{ sectionId: "sec-1", title: "Mở đầu" }], [])).toBeNull();
  });
});
