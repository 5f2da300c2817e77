import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { SectionContent } from "../domain/document";
import { ensureBlockIds } from "../editor/content";
import { YDOC_FIELD, contentToYDoc } from "../editor/ydoc";
import { inspectDocument } from "./content-inspection";
import { ContentJudge, judgeUpdate, type Validity, type Verdict } from "./extensions/content-guard";
import { carriesChanges } from "./incoming";

/** Fixed seed: the same edit sequences on every run. */
const SEED = 20_261_203;
/** Small, so that the size limit is reached by a few pastes. */
const MAX_DOCUMENT_BYTES = 8 * 1024;

const SECTION: SectionContent = ensureBlockIds(
  {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Điều 1. Phạm vi" }] },
      { type: "paragraph", content: [{ type: "text", text: "Sổ tay này hướng dẫn " }, { type: "text", text: "cán bộ", marks: [{ type: "bold" }] }, { type: "text", text: " soạn văn bản." }] },
      { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Một mục" }] }] }] },
      { type: "paragraph", content: [{ type: "text", text: "Đoạn cuối." }] },
    ],
  },
  (() => {
    let next = 0;
    return () => `b${(next += 1)}`;
  })(),
);

type Edit =
  | { kind: "type"; block: number; at: number; text: string }
  | { kind: "delete"; block: number; at: number; length: number }
  | { kind: "format"; block: number; at: number; length: number; mark: string; value: unknown }
  | { kind: "attribute"; block: number; name: string; value: unknown }
  | { kind: "new-block"; at: number; name: string; text: string }
  | { kind: "remove-block"; block: number }
  | { kind: "nest"; block: number; name: string }
  | { kind: "stray-text"; text: string }
  | { kind: "foreign-root"; value: string }
  | { kind: "paste"; block: number; size: number }
  | { kind: "server-edit"; text: string }
  | { kind: "not-applied"; text: string };

const text = fc.array(fc.oneof({ weight: 30, arbitrary: fc.constantFrom("a", "ư", " ", "ệ", "😀", "\n") }, { weight: 1, arbitrary: fc.constantFrom("\u0000", "\ud800") }), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(""));
const markValue = fc.constantFrom<[string, unknown]>(["bold", true], ["italic", {}], ["code", true], ["link", { href: "https://mof.gov.vn" }], ["link", { href: "javascript:alert(1)" }], ["script", true], ["bold", null]);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant("type" as const), block: fc.nat(), at: fc.nat(), text }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("delete" as const), block: fc.nat(), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("format" as const), block: fc.nat(), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }).chain((base) => markValue.map(([mark, value]) => ({ ...base, mark, value }))) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("attribute" as const), block: fc.nat(), name: fc.constantFrom("id", "level", "start", "onclick"), value: fc.constantFrom<unknown>("b9", "bad id!", 4, 9, "3", null, { x: 1 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("new-block" as const), at: fc.nat(), name: fc.constantFrom("paragraph", "paragraph", "heading", "horizontalRule", "script", "listItem"), text }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("remove-block" as const), block: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("nest" as const), block: fc.nat(), name: fc.constantFrom("paragraph", "bulletList", "hardBreak") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("stray-text" as const), text }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("foreign-root" as const), value: text }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("paste" as const), block: fc.nat(), size: fc.integer({ min: 500, max: 6_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("server-edit" as const), text }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("not-applied" as const), text }) },
);

function blocksOf(doc: Y.Doc): Y.XmlElement[] {
  return doc.getXmlFragment(YDOC_FIELD).toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
}

function firstText(element: Y.XmlElement): Y.XmlText {
  const existing = element.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
  if (existing) return existing;
  const created = new Y.XmlText();
  element.insert(element.length, [created]);
  return created;
}

/** Applies `edit` to the writer's document the way a raw Yjs client could; false if it has nowhere to go. */
function write(doc: Y.Doc, edit: Edit): boolean {
  const blocks = blocksOf(doc);
  const fragment = doc.getXmlFragment(YDOC_FIELD);
  const block = "block" in edit && blocks.length > 0 ? blocks[edit.block % blocks.length] : null;
  switch (edit.kind) {
    case "type":
    case "delete":
    case "format":
    case "paste": {
      if (!block) return false;
      const target = firstText(block);
      const at = edit.kind === "paste" ? target.length : target.length === 0 ? 0 : edit.at % (target.length + 1);
      if (edit.kind === "type") target.insert(at, edit.text);
      else if (edit.kind === "paste") target.insert(at, "Dán một đoạn dài. ".repeat(Math.ceil(edit.size / 20)));
      else if (target.length === 0) return false;
      else if (edit.kind === "delete") target.delete(Math.min(at, target.length - 1), Math.min(edit.length, target.length - Math.min(at, target.length - 1)));
      else target.format(Math.min(at, target.length - 1), edit.length, { [edit.mark]: edit.value });
      return true;
    }
    case "attribute":
      if (!block) return false;
      block.setAttribute(edit.name, edit.value as string);
      return true;
    case "new-block": {
      const element = new Y.XmlElement(edit.name);
      if (edit.name !== "horizontalRule") element.insert(0, [Object.assign(new Y.XmlText(), {})]);
      fragment.insert(edit.at % (fragment.length + 1), [element]);
      if (edit.name !== "horizontalRule") (element.get(0) as Y.XmlText).insert(0, edit.text);
      return true;
    }
    case "remove-block":
      if (fragment.length === 0) return false;
      fragment.delete(edit.block % fragment.length, 1);
      return true;
    case "nest":
      if (!block) return false;
      block.insert(block.length, [new Y.XmlElement(edit.name)]);
      return true;
    case "stray-text": {
      const stray = new Y.XmlText();
      fragment.insert(fragment.length, [stray]);
      stray.insert(0, edit.text);
      return true;
    }
    case "foreign-root":
      doc.getMap("payload").set("value", edit.value);
      return true;
    case "server-edit":
    case "not-applied":
      return false;
  }
}

function summary(verdict: Verdict) {
  return verdict.ok ? { ok: true, validity: verdict.validity } : { ok: false, reason: verdict.refusal.reason, message: verdict.refusal.message };
}

describe("the content guard's replica", () => {
  it("accepts and refuses exactly what the full check does, for generated edit sequences (randomized, fixed seed)", () => {
    let refusals = 0;
    let acceptances = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 40 }), (edits) => {
        const live = contentToYDoc(SECTION);
        const judge = new ContentJudge(MAX_DOCUMENT_BYTES);
        const inspection = inspectDocument(live);
        let validity: Validity | null = inspection.ok ? { ok: true } : inspection;
        const sender = { name: "writer" };
        let writer = new Y.Doc();
        Y.applyUpdate(writer, Y.encodeStateAsUpdate(live));
        try {
          for (const step of edits) {
            if (step.kind === "server-edit") {
              // An update that reaches the live document without the guard (a replacement, another instance).
              const server = new Y.Doc();
              Y.applyUpdate(server, Y.encodeStateAsUpdate(live));
              const blocks = blocksOf(server);
              if (blocks.length > 0) firstText(blocks[blocks.length - 1]).insert(0, step.text);
              Y.applyUpdate(live, Y.encodeStateAsUpdate(server, Y.encodeStateVector(live)), { source: "local" });
              server.destroy();
              Y.applyUpdate(writer, Y.encodeStateAsUpdate(live, Y.encodeStateVector(writer)));
              continue;
            }
            const before = Y.encodeStateVector(writer);
            if (step.kind === "not-applied") {
              firstText(blocksOf(writer)[0] ?? new Y.XmlElement("paragraph")).insert(0, step.text);
            } else if (!write(writer, step)) continue;
            const update = Y.encodeStateAsUpdate(writer, before);
            if (!carriesChanges(live, update)) continue;
            const full = judgeUpdate(live, update, validity, MAX_DOCUMENT_BYTES);
            const judged = judge.judge(live, update, validity, sender);
            expect(summary(judged)).toEqual(summary(full));
            if (judged.ok && step.kind !== "not-applied") {
              acceptances += 1;
              validity = judged.validity;
              Y.applyUpdate(live, update, { source: "connection", connection: sender });
            } else {
              if (!judged.ok) refusals += 1;
              // Refused (or dropped by a later hook): the writer starts again from the live document.
              writer.destroy();
              writer = new Y.Doc();
              Y.applyUpdate(writer, Y.encodeStateAsUpdate(live));
            }
            judge.settled(live, sender);
          }
        } finally {
          writer.destroy();
          live.destroy();
        }
        expect(judge.size).toBe(0);
      }),
      { seed: SEED, numRuns: 150 },
    );
    expect(acceptances).toBeGreaterThan(500);
    expect(refusals).toBeGreaterThan(50);
  });
});

describe("carriesChanges", () => {
  it("answers as Y.snapshotContainsUpdate does for updates already held, new, and partly held (randomized, fixed seed)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(), text, fc.boolean()), { minLength: 1, maxLength: 20 }), fc.nat(), (steps, cut) => {
        const writer = contentToYDoc(SECTION);
        const updates: Uint8Array[] = [];
        writer.on("update", (update: Uint8Array) => updates.push(update));
        for (const [block, at, value, remove] of steps) {
          const blocks = blocksOf(writer);
          const target = firstText(blocks[block % blocks.length]);
          if (remove && target.length > 0) target.delete(at % target.length, 1);
          else target.insert(at % (target.length + 1), value);
        }
        const held = updates.slice(0, cut % (updates.length + 1));
        const reader = new Y.Doc();
        Y.applyUpdate(reader, Y.encodeStateAsUpdate(contentToYDoc(SECTION)));
        for (const update of held) Y.applyUpdate(reader, update);
        for (const update of [...updates, Y.encodeStateAsUpdate(writer), Y.mergeUpdates(updates)]) {
          expect(carriesChanges(reader, update.slice())).toBe(!Y.snapshotContainsUpdate(Y.snapshot(reader), update));
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
