import type { DocumentSnapshot, RichNode, SnapshotSection } from "../document";
import { bulletList, copy, documentOf, heading, listItem, paragraph, section, text } from "./test-support";

/**
 * Random documents and random edits for the merge's property tests. Edits name blocks and
 * sections by id, so the edits of two sides can be applied one after the other to find the
 * result a merge must reach.
 */

export type Side = "head" | "proposal";

export type Edit =
  | { kind: "set-block"; id: string; node: RichNode }
  | { kind: "edit-words"; id: string; change: WordChange }
  | { kind: "remove-block"; id: string }
  | { kind: "insert-after"; anchorId: string; node: RichNode }
  | { kind: "move-after"; id: string; anchorId: string }
  | { kind: "retitle"; sectionId: string; title: string }
  | { kind: "remove-section"; sectionId: string }
  | { kind: "insert-section-after"; anchorId: string; section: SnapshotSection }
  | { kind: "move-section-after"; sectionId: string; anchorId: string }
  | { kind: "set-document-title"; title: string };

export type WordChange =
  | { kind: "replace"; word: string; by: string }
  | { kind: "insert-after"; word: string; inserted: string }
  | { kind: "delete"; word: string };

const VOCABULARY = [
  "chuyển", "đổi", "số", "chính", "phủ", "dữ", "liệu", "người", "dân", "doanh", "nghiệp", "hạ",
  "tầng", "thể", "chế", "kỹ", "năng", "an", "toàn", "mạng", "dịch", "vụ", "công", "trực",
  "tuyến", "nền", "tảng", "quốc", "gia", "địa", "phương", "Bộ", "Tài", "chính", "Y", "tế",
];

/** Paragraphs at least this long may be edited by both sides, at opposite ends. */
const SHARED_PARAGRAPH_MIN_WORDS = 15;
/** Words at each end of a shared paragraph that one side may touch; the middle stays as it was. */
const SHARED_EDGE_WORDS = 5;

export class ScenarioGenerator {
  private counter = 0;

  constructor(readonly random: () => number) {}

  chance(probability: number): boolean {
    return this.random() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  integer(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  id(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  /** A word that occurs nowhere else, so edits can find it by its text. */
  word(): string {
    this.counter += 1;
    return `${this.pick(VOCABULARY)}${this.counter}`;
  }

  words(count: number): string {
    return Array.from({ length: count }, () => this.word()).join(" ");
  }

  paragraph(minWords = 4, maxWords = 20): RichNode {
    return paragraph(this.id("p"), this.words(this.integer(minWords, maxWords)));
  }

  block(): RichNode {
    const roll = this.random();
    if (roll < 0.15) return heading(this.id("h"), 3, this.words(this.integer(2, 5)));
    if (roll < 0.3) {
      return bulletList(
        this.id("l"),
        Array.from({ length: this.integer(2, 4) }, () => listItem(this.id("i"), this.paragraph(3, 8))),
      );
    }
    return this.paragraph();
  }

  section(): SnapshotSection {
    return section(this.id("s"), this.words(3), Array.from({ length: this.integer(2, 6) }, () => this.block()));
  }

  document(): DocumentSnapshot {
    return documentOf(Array.from({ length: this.integer(2, 4) }, () => this.section()));
  }

  /** Edits a side makes to a block it alone owns: anything, including its removal. */
  blockEdits(block: RichNode): Edit[] {
    const id = String(block.attrs?.id);
    const roll = this.random();
    if (roll < 0.15) return [{ kind: "remove-block", id }];
    if (roll < 0.3) return [{ kind: "insert-after", anchorId: id, node: this.block() }];
    if (block.type === "bulletList") return this.listItemEdits(block, new Set((block.content ?? []).map((item) => String(item.attrs?.id))));
    if (roll < 0.45) return [{ kind: "set-block", id, node: { ...copy(block), content: [text(this.words(this.integer(2, 10)))] } }];
    if (roll < 0.6 && block.type === "heading") {
      return [{ kind: "set-block", id, node: { ...copy(block), attrs: { id, level: 4 } } }];
    }
    if (roll < 0.6) {
      const words = textOf(block).split(" ");
      const marked = this.integer(0, words.length - 1);
      const before = words.slice(0, marked).join(" ");
      const after = words.slice(marked + 1).join(" ");
      const content = [
        ...(before ? [text(`${before} `)] : []),
        text(words[marked], [{ type: "bold" }]),
        ...(after ? [text(` ${after}`)] : []),
      ];
      return [{ kind: "set-block", id, node: { ...copy(block), content } }];
    }
    return this.wordEdits(id, textOf(block).split(" "), 0, Number.MAX_SAFE_INTEGER);
  }

  /** Up to two word changes among the words at positions [from, to) of a block's text. */
  wordEdits(id: string, words: readonly string[], from: number, to: number): Edit[] {
    const candidates = words.slice(from, Math.min(to, words.length));
    const edits: Edit[] = [];
    const used = new Set<string>();
    for (let attempt = 0; attempt < this.integer(1, 2); attempt += 1) {
      const word = this.pick(candidates);
      // One change per word; deleting every word of a block would make it a removal.
      if (used.has(word)) continue;
      used.add(word);
      const roll = this.random();
      const change: WordChange =
        roll < 0.4
          ? { kind: "replace", word, by: this.word() }
          : roll < 0.7 || words.length <= 2
            ? { kind: "insert-after", word, inserted: this.word() }
            : { kind: "delete", word };
      edits.push({ kind: "edit-words", id, change });
    }
    return edits;
  }

  /** Edits to a shared paragraph: head near the start, the proposal near the end. */
  sharedParagraphEdits(block: RichNode, side: Side): Edit[] {
    const words = textOf(block).split(" ");
    const id = String(block.attrs?.id);
    return side === "head"
      ? this.wordEdits(id, words, 0, SHARED_EDGE_WORDS)
      : this.wordEdits(id, words, words.length - SHARED_EDGE_WORDS, words.length);
  }

  isShareable(block: RichNode): boolean {
    return block.type === "paragraph" && textOf(block).split(" ").length >= SHARED_PARAGRAPH_MIN_WORDS;
  }

  /** One edit to one of the list items a side owns: remove it, add an item after it, or change its words. */
  listItemEdits(list: RichNode, ownedItems: ReadonlySet<string>): Edit[] {
    const items = (list.content ?? []).filter((item) => ownedItems.has(String(item.attrs?.id)));
    if (items.length === 0) return [];
    const item = this.pick(items);
    const itemId = String(item.attrs?.id);
    const inner = (item.content ?? [])[0];
    const roll = this.random();
    if (roll < 0.3 && (list.content ?? []).length > 1) return [{ kind: "remove-block", id: itemId }];
    if (roll < 0.6) return [{ kind: "insert-after", anchorId: itemId, node: listItem(this.id("i"), this.paragraph(2, 6)) }];
    return this.wordEdits(String(inner.attrs?.id), textOf(inner).split(" "), 0, Number.MAX_SAFE_INTEGER);
  }
}

export function textOf(block: RichNode): string {
  return (block.content ?? []).map((child) => child.text ?? "").join("");
}

export interface NonOverlappingScenario {
  base: DocumentSnapshot;
  head: DocumentSnapshot;
  proposal: DocumentSnapshot;
  /** Head's edits, then the proposal's, applied to base: what the merge must give. */
  expected: DocumentSnapshot;
  /** The proposal's edits, then head's: what the merge must give with the sides swapped. */
  expectedSwapped: DocumentSnapshot;
}

/**
 * Two sides edit disjoint things: each section belongs to one side or is shared; in a
 * shared section each block belongs to one side, or (long paragraphs) each side edits one
 * end, or (lists) each side edits its own items. Only one side moves sections, and in each
 * section only one side moves blocks; everything is anchored to things the side owns.
 * Nothing that is moved has something inserted after it: moving it would leave the new item
 * after a neighbour of the other side, and two sides adding after the same item have no
 * single right order (the merge puts the proposal's first, as re-applying it to head does).
 */
export function nonOverlappingScenario(generator: ScenarioGenerator): NonOverlappingScenario {
  const base = generator.document();
  const edits: Record<Side, Edit[]> = { head: [], proposal: [] };
  const sectionMover: Side = generator.pick(["head", "proposal"]);
  const movableSections: Record<Side, string[]> = { head: [], proposal: [] };

  for (const current of base.sections) {
    const owner = generator.pick<Side | "shared">(["head", "proposal", "shared", "shared"]);
    if (owner !== "shared") {
      if (generator.chance(0.15)) {
        edits[owner].push({ kind: "remove-section", sectionId: current.id });
        continue;
      }
      if (generator.chance(0.3)) edits[owner].push({ kind: "retitle", sectionId: current.id, title: generator.words(3) });
      for (const block of current.content.content) {
        if (generator.chance(0.5)) edits[owner].push(...generator.blockEdits(block));
      }
      if (generator.chance(0.2)) {
        edits[owner].push({ kind: "insert-section-after", anchorId: current.id, section: generator.section() });
      } else {
        movableSections[owner].push(current.id);
      }
      continue;
    }

    const blockMover: Side = generator.pick(["head", "proposal"]);
    const movableBlocks: string[] = [];
    for (const block of current.content.content) {
      const id = String(block.attrs?.id);
      if (generator.isShareable(block) && generator.chance(0.4)) {
        edits.head.push(...generator.sharedParagraphEdits(block, "head"));
        edits.proposal.push(...generator.sharedParagraphEdits(block, "proposal"));
        continue;
      }
      if (block.type === "bulletList" && generator.chance(0.6)) {
        const items = (block.content ?? []).map((item) => String(item.attrs?.id));
        const headItems = new Set(items.filter(() => generator.chance(0.5)));
        const proposalItems = new Set(items.filter((item) => !headItems.has(item)));
        edits.head.push(...generator.listItemEdits(block, headItems));
        edits.proposal.push(...generator.listItemEdits(block, proposalItems));
        continue;
      }
      const blockOwner = generator.pick<Side | "nobody">(["head", "proposal", "nobody"]);
      if (blockOwner === "nobody") continue;
      const blockEdits = generator.chance(0.6) ? generator.blockEdits(block) : [];
      edits[blockOwner].push(...blockEdits);
      if (blockOwner === blockMover && blockEdits.every((edit) => edit.kind !== "remove-block" && edit.kind !== "insert-after")) {
        movableBlocks.push(id);
      }
    }
    if (movableBlocks.length >= 2 && generator.chance(0.5)) {
      const moved = generator.pick(movableBlocks);
      const anchor = generator.pick(movableBlocks.filter((candidate) => candidate !== moved));
      edits[blockMover].push({ kind: "move-after", id: moved, anchorId: anchor });
    }
  }

  const movers = movableSections[sectionMover];
  if (movers.length >= 2 && generator.chance(0.5)) {
    const moved = generator.pick(movers);
    const anchor = generator.pick(movers.filter((candidate) => candidate !== moved));
    edits[sectionMover].push({ kind: "move-section-after", sectionId: moved, anchorId: anchor });
  }
  if (generator.chance(0.2)) edits[generator.pick<Side>(["head", "proposal"])].push({ kind: "set-document-title", title: generator.words(4) });

  const head = applyEdits(base, edits.head);
  const proposal = applyEdits(base, edits.proposal);
  return {
    base,
    head,
    proposal,
    expected: applyEdits(head, edits.proposal),
    expectedSwapped: applyEdits(proposal, edits.head),
  };
}

/** A place both sides changed; `identical` when they changed it the same way. */
export interface OverlapTarget {
  sectionId: string;
  blockId: string | null;
  identical: boolean;
}

export interface OverlappingScenario {
  base: DocumentSnapshot;
  head: DocumentSnapshot;
  proposal: DocumentSnapshot;
  targets: OverlapTarget[];
}

/** Few choices, so that both sides often make the very same change. */
const OVERLAPPING_TITLES = ["Khái niệm", "Định nghĩa"];
const OVERLAPPING_WORDS = ["mới", "khác"];

/**
 * Both sides change the same places: the same word, the same whole block, a block one side
 * removes and the other edits, a block's format on one side and its words on the other,
 * the same section's title.
 */
export function overlappingScenario(generator: ScenarioGenerator): OverlappingScenario {
  const base = generator.document();
  const edits: Record<Side, Edit[]> = { head: [], proposal: [] };
  const targets: OverlapTarget[] = [];
  const bothSides = (makeEdit: () => Edit) => {
    const headEdit = makeEdit();
    const proposalEdit = makeEdit();
    edits.head.push(headEdit);
    edits.proposal.push(proposalEdit);
    return JSON.stringify(headEdit) === JSON.stringify(proposalEdit);
  };
  const oneSideEach = (first: Edit, second: Edit) => {
    const headFirst = generator.chance(0.5);
    edits.head.push(headFirst ? first : second);
    edits.proposal.push(headFirst ? second : first);
  };

  for (const current of base.sections) {
    if (generator.chance(0.3)) {
      const identical = bothSides(() => ({ kind: "retitle", sectionId: current.id, title: generator.pick(OVERLAPPING_TITLES) }));
      targets.push({ sectionId: current.id, blockId: null, identical });
    }
    for (const block of current.content.content) {
      if ((block.type !== "paragraph" && block.type !== "heading") || generator.chance(0.5)) continue;
      const id = String(block.attrs?.id);
      const word = generator.pick(textOf(block).split(" "));
      const roll = generator.random();
      if (roll < 0.4) {
        const identical = bothSides(() => ({
          kind: "edit-words",
          id,
          change: { kind: "replace", word, by: generator.pick(OVERLAPPING_WORDS) },
        }));
        targets.push({ sectionId: current.id, blockId: id, identical });
      } else if (roll < 0.6) {
        const identical = bothSides(() => ({
          kind: "set-block",
          id,
          node: { ...copy(block), content: [text(generator.pick(OVERLAPPING_TITLES))] },
        }));
        targets.push({ sectionId: current.id, blockId: id, identical });
      } else if (roll < 0.8) {
        oneSideEach({ kind: "remove-block", id }, { kind: "edit-words", id, change: { kind: "replace", word, by: generator.word() } });
        targets.push({ sectionId: current.id, blockId: id, identical: false });
      } else {
        const attrs = block.type === "heading" ? { id, level: 5 } : { id, textAlign: "center" };
        oneSideEach(
          { kind: "set-block", id, node: { ...copy(block), attrs } },
          { kind: "edit-words", id, change: { kind: "insert-after", word, inserted: generator.word() } },
        );
        targets.push({ sectionId: current.id, blockId: id, identical: false });
      }
    }
  }
  return { base, head: applyEdits(base, edits.head), proposal: applyEdits(base, edits.proposal), targets };
}

export function applyEdits(snapshot: DocumentSnapshot, edits: readonly Edit[]): DocumentSnapshot {
  const result = copy(snapshot);
  for (const edit of edits) applyEdit(result, edit);
  return result;
}

function applyEdit(snapshot: DocumentSnapshot, edit: Edit): void {
  switch (edit.kind) {
    case "set-block": {
      const { siblings, index } = locate(snapshot, edit.id);
      siblings[index] = copy(edit.node);
      return;
    }
    case "edit-words": {
      const { siblings, index } = locate(snapshot, edit.id);
      siblings[index] = { ...siblings[index], content: [text(changeWords(textOf(siblings[index]), edit.change))] };
      return;
    }
    case "remove-block": {
      const { siblings, index } = locate(snapshot, edit.id);
      siblings.splice(index, 1);
      return;
    }
    case "insert-after": {
      const { siblings, index } = locate(snapshot, edit.anchorId);
      siblings.splice(index + 1, 0, copy(edit.node));
      return;
    }
    case "move-after": {
      const moved = locate(snapshot, edit.id);
      const [node] = moved.siblings.splice(moved.index, 1);
      const anchor = locate(snapshot, edit.anchorId);
      anchor.siblings.splice(anchor.index + 1, 0, node);
      return;
    }
    case "retitle":
      sectionOf(snapshot, edit.sectionId).title = edit.title;
      return;
    case "remove-section":
      snapshot.sections = snapshot.sections.filter((candidate) => candidate.id !== edit.sectionId);
      return;
    case "insert-section-after":
      snapshot.sections.splice(sectionIndex(snapshot, edit.anchorId) + 1, 0, copy(edit.section));
      return;
    case "move-section-after": {
      const [moved] = snapshot.sections.splice(sectionIndex(snapshot, edit.sectionId), 1);
      snapshot.sections.splice(sectionIndex(snapshot, edit.anchorId) + 1, 0, moved);
      return;
    }
    case "set-document-title":
      snapshot.title = edit.title;
      return;
  }
}

function changeWords(value: string, change: WordChange): string {
  const words = value.split(" ");
  const index = words.indexOf(change.word);
  if (index < 0) throw new Error(`no word ${change.word}`);
  if (change.kind === "replace") words[index] = change.by;
  else if (change.kind === "insert-after") words.splice(index + 1, 0, change.inserted);
  else words.splice(index, 1);
  return words.join(" ");
}

function locate(snapshot: DocumentSnapshot, id: string): { siblings: RichNode[]; index: number } {
  const search = (siblings: RichNode[]): { siblings: RichNode[]; index: number } | null => {
    for (let index = 0; index < siblings.length; index += 1) {
      if (siblings[index].attrs?.id === id) return { siblings, index };
      const inner = search(siblings[index].content ?? []);
      if (inner) return inner;
    }
    return null;
  };
  for (const current of snapshot.sections) {
    const found = search(current.content.content);
    if (found) return found;
  }
  throw new Error(`no block ${id}`);
}

function sectionOf(snapshot: DocumentSnapshot, id: string): SnapshotSection {
  return snapshot.sections[sectionIndex(snapshot, id)];
}

function sectionIndex(snapshot: DocumentSnapshot, id: string): number {
  const index = snapshot.sections.findIndex((candidate) => candidate.id === id);
  if (index < 0) throw new Error(`no section ${id}`);
  return index;
}
