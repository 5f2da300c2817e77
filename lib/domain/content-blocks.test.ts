import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashCanonical } from "./canonical";
import {
  MAX_BASE_CHAIN,
  blockHash,
  chooseBase,
  decodeBlockList,
  encodeBlockList,
  joinSectionText,
  packBlock,
  planBlockStorage,
  splitSectionText,
  unpackBlock,
} from "./content-blocks";
import type { RichNode, SectionContent } from "./document";
import { sectionContentHash } from "./tlog";

const text = fc.string({ unit: "grapheme", maxLength: 40 });
const mark = fc.record({ type: fc.constantFrom("bold", "italic", "link"), attrs: fc.option(fc.record({ href: text }), { nil: undefined }) }, { requiredKeys: ["type"] });
const inline: fc.Arbitrary<RichNode> = fc.oneof(
  fc.record({ type: fc.constant("text"), text, marks: fc.option(fc.array(mark, { maxLength: 2 }), { nil: undefined }) }, { requiredKeys: ["type", "text"] }),
  fc.constant({ type: "hardBreak" }),
);
const blockAttrs = fc.record({ id: fc.option(fc.stringMatching(/^blk-[0-9a-f]{4}$/), { nil: undefined }), level: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }) });
const block: fc.Arbitrary<RichNode> = fc.letrec<{ block: RichNode }>((tie) => ({
  block: fc.oneof(
    { depthSize: "small" },
    fc.record({ type: fc.constantFrom("paragraph", "heading"), attrs: blockAttrs, content: fc.array(inline, { maxLength: 4 }) }, { requiredKeys: ["type"] }),
    fc.record({ type: fc.constantFrom("bulletList", "blockquote"), content: fc.array(tie("block"), { maxLength: 3 }) }),
  ),
})).block;
const section: fc.Arbitrary<SectionContent> = fc.record({ type: fc.constant("doc" as const), content: fc.array(block, { maxLength: 8 }) });

describe("splitting a section's stored text into blocks", () => {
  it("gives back the stored text byte for byte, so its section and canonical hashes are unchanged", () => {
    fc.assert(
      fc.property(section, (content) => {
        const stored = JSON.stringify(content);
        const blocks = splitSectionText(stored);
        expect(blocks).not.toBeNull();
        expect(blocks).toHaveLength(content.content.length);
        const joined = joinSectionText(blocks ?? []);
        expect(joined).toBe(stored);
        expect(sectionContentHash(joined)).toBe(sectionContentHash(stored));
        expect(hashCanonical(JSON.parse(joined))).toBe(hashCanonical(content));
      }),
    );
  });

  it("keeps whole any text not in Tiptap's frame (it could not be reassembled exactly)", () => {
    const paragraph = '{"type":"paragraph"}';
    expect(splitSectionText(`{"content":[${paragraph}],"type":"doc"}`)).toBeNull();
    expect(splitSectionText(`{"type":"doc","content":[ ${paragraph}]}`)).toBeNull();
    expect(splitSectionText(`{"type":"doc","content":[${paragraph}],"attrs":{}}`)).toBeNull();
    expect(splitSectionText(`{"type":"doc","content":[{"type" : "paragraph"}]}`)).toBeNull();
    expect(splitSectionText(`{"type":"doc","content":[1e0]}`)).toBeNull();
    expect(splitSectionText(`{"type":"doc","content":[`)).toBeNull();
    expect(splitSectionText(`{"type":"doc","content":[]}`)).toEqual([]);
    expect(joinSectionText([])).toBe(`{"type":"doc","content":[]}`);
  });

  it("addresses a block by the SHA-256 of its exact bytes", () => {
    expect(Buffer.from(blockHash("")).toString("hex")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(Buffer.from(blockHash('{"a":1,"b":2}')).equals(Buffer.from(blockHash('{"b":2,"a":1}')))).toBe(false);
  });
});

describe("packing blocks", () => {
  it("unpacks to the same text, alone or against a base", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 600 }), fc.option(fc.string({ unit: "grapheme", maxLength: 600 }), { nil: null }), (value, base) => {
        expect(unpackBlock(packBlock(value, base), base)).toBe(value);
      }),
    );
  });

  it("stores an edited paragraph in far fewer bytes when packed against the paragraph it replaces", () => {
    const before = JSON.stringify({
      type: "paragraph",
      attrs: { id: "blk-1" },
      content: [{ type: "text", text: "Chính phủ số là chính phủ hoạt động, vận hành và cung cấp dịch vụ số một cách chủ động theo nhu cầu của người dân. ".repeat(4) }],
    });
    const after = before.replace(/"}]}$/, ' (sửa đổi)"}]}');
    const alone = packBlock(after, null).byteLength;
    const delta = packBlock(after, before).byteLength;
    expect(delta).toBeLessThan(alone / 4);
    expect(delta).toBeLessThan(60);
  });

  it("chooses as base the previous block with the same block id, unless its chain is already long", () => {
    const old = { id: 7, text: '{"type":"paragraph","attrs":{"id":"blk-a"},"content":[{"type":"text","text":"x"}]}', chain: 0 };
    const other = { id: 8, text: '{"type":"paragraph","attrs":{"id":"blk-b"}}', chain: 0 };
    const edited = '{"type":"paragraph","attrs":{"id":"blk-a"},"content":[{"type":"text","text":"xy"}]}';
    expect(chooseBase(edited, [other, old])).toBe(old);
    expect(chooseBase('{"type":"paragraph"}', [other, old])).toBeNull();
    expect(chooseBase(edited, [other])).toBeNull();
    expect(chooseBase(edited, [{ ...old, chain: MAX_BASE_CHAIN }])).toBeNull();
    expect(chooseBase(edited, [{ ...old, chain: MAX_BASE_CHAIN - 1 }])).not.toBeNull();
  });
});

describe("block lists", () => {
  it("round-trips ids and refuses malformed lists", () => {
    fc.assert(
      fc.property(fc.array(fc.nat()), (ids) => {
        expect(decodeBlockList(encodeBlockList(ids))).toEqual(ids);
      }),
    );
    expect(() => decodeBlockList("1,,2")).toThrow(/malformed/);
    expect(() => decodeBlockList("1,x")).toThrow(/malformed/);
    expect(() => encodeBlockList([-1])).toThrow();
  });
});

describe("planning the storage of revisions kept whole", () => {
  it("stores each distinct block once, packs an edit against the paragraph it replaces and leaves other frames whole", () => {
    const paragraph = (id: string, text: string) => JSON.stringify({ type: "paragraph", attrs: { id }, content: [{ type: "text", text }] });
    const a = paragraph("blk-a", "Đoạn thứ nhất, khá dài để nén. ".repeat(5));
    const edited = paragraph("blk-a", `${"Đoạn thứ nhất, khá dài để nén. ".repeat(5)}(sửa)`);
    const b = paragraph("blk-b", "Đoạn thứ hai.");
    const revisions = [
      { id: "r1", sectionId: "s1", content: joinSectionText([a, b]) },
      { id: "r2", sectionId: "s1", content: joinSectionText([edited, b]) },
      { id: "r3", sectionId: "s2", content: `{"content":[${b}],"type":"doc"}` },
      { id: "r4", sectionId: "s2", content: joinSectionText([b, b]) },
    ];
    const plan = planBlockStorage(revisions, 10);
    expect(plan.blocks.map((block) => [block.id, block.baseId])).toEqual([[10, null], [11, null], [12, 10]]);
    expect(plan.revisions).toEqual([{ id: "r1", blocks: "10,11" }, { id: "r2", blocks: "12,11" }, { id: "r4", blocks: "11,11" }]);
    const texts = new Map<number, string>();
    for (const block of plan.blocks) texts.set(block.id, unpackBlock(block.data, block.baseId === null ? null : (texts.get(block.baseId) ?? null)));
    for (const revision of plan.revisions) {
      expect(joinSectionText(decodeBlockList(revision.blocks).map((id) => texts.get(id) ?? ""))).toBe(revisions.find((item) => item.id === revision.id)?.content);
    }
  });
});
