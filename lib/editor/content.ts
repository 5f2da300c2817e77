/**
 * Server-side guards and conversions for section content (Tiptap JSON). Everything here runs
 * in Node without a DOM.
 *
 * The editor is not a security boundary: a raw Yjs or API client can send any node, mark or
 * attribute. `validateSectionContent` is the gate for stored content, and `renderSectionHtml`
 * is safe on its own, so that content which slipped past validation still cannot run script
 * in a reader's browser.
 */
import { escapeHtml } from "@/lib/domain/escape";
import { Extension, type Extensions } from "@tiptap/core";
import { Node as PMNode, type ContentMatch, type Mark as PMMark } from "@tiptap/pm/model";
import {
  renderToHTMLString,
  serializeAttrsToHTMLString,
  serializeChildrenToHTMLString,
} from "@tiptap/static-renderer/pm/html-string";
import { canonicalJson } from "@/lib/domain/canonical";
import type { ContentProblem } from "@/lib/domain/content-problems";
import { plainText, type Mark, type RichNode, type SectionContent } from "@/lib/domain/document";
import {
  BLOCK_ID_ATTRIBUTE,
  HANDBOOK_BLOCK_TYPES,
  blockAnchorId,
  handbookExtensions,
  handbookSchema,
  isAllowedHref,
  isValidBlockId,
} from "./extensions";

/**
 * Most characters of text one section may hold. A whole installment of the handbook is a
 * few thousand characters, so 200,000 (some 30,000 words) leaves room for any real section
 * while bounding what every diff, hash and render has to chew through per request.
 */
export const MAX_SECTION_TEXT_CHARS = 200_000;

/**
 * Most bytes of serialized JSON one section may take. Markup, marks and ids roughly triple
 * the text size, so 2 MiB leaves room for the text limit while keeping one Yjs update,
 * one database row and one request body well inside what the server accepts.
 */
export const MAX_SECTION_JSON_BYTES = 2 * 1024 * 1024;

/**
 * Deepest nesting accepted (doc > list > item > list ...). Thirty levels of lists is far
 * beyond readable prose, and every walker over the tree, ours and ProseMirror's, recurses
 * once per level, so the depth must stay bounded.
 */
export const MAX_NESTING_DEPTH = 64;

/** Errors reported per document; past this many, more detail helps nobody fix the input. */
export const MAX_REPORTED_ERRORS = 20;

/**
 * Most columns or rows one table cell may span. Handbook tables are a few columns wide;
 * the bound keeps a hostile span from making the table layout explode.
 */
const MAX_TABLE_SPAN = 100;

/** Widest column width in pixels a cell may record: wider than any screen, and it ends up in a style attribute. */
const MAX_COLUMN_WIDTH_PX = 10_000;

/** Largest first number of an ordered list; the number is shown to readers, and a list starting beyond it is a typo. */
const MAX_LIST_START = 100_000;

/** Longest link title kept; it is a tooltip, not a paragraph. */
const MAX_LINK_TITLE_CHARS = 500;

/** Short identifiers such as "typescript" or "c++"; the value ends up in a class name. */
const CODE_LANGUAGE_PATTERN = /^[A-Za-z0-9_+#.-]{1,32}$/;

const ORDERED_LIST_TYPES = new Set(["1", "a", "A", "i", "I"]);
const CELL_ALIGNMENTS = new Set(["left", "center", "right"]);

export type ValidationResult = { ok: true; content: SectionContent } | { ok: false; errors: ContentProblem[] };

type AttributeRule = (value: unknown) => boolean;

const isNull = (value: unknown): value is null => value === null;
const isIntegerIn = (min: number, max: number): AttributeRule => (value) =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
const isNullOr = (rule: AttributeRule): AttributeRule => (value) => isNull(value) || rule(value);
const isShortString = (max: number): AttributeRule => (value) => typeof value === "string" && value.length <= max;

const blockIdRule: AttributeRule = (value) => isNull(value) || isValidBlockId(value);

const cellRules: Record<string, AttributeRule> = {
  colspan: isIntegerIn(1, MAX_TABLE_SPAN),
  rowspan: isIntegerIn(1, MAX_TABLE_SPAN),
  colwidth: (value) =>
    isNull(value) ||
    (Array.isArray(value) && value.length <= MAX_TABLE_SPAN && value.every(isIntegerIn(0, MAX_COLUMN_WIDTH_PX))),
  align: (value) => isNull(value) || (typeof value === "string" && CELL_ALIGNMENTS.has(value)),
};

/**
 * What each attribute of each node type may hold. Several of them end up inside a tag name
 * (heading level), a class (code language) or a style attribute (cell alignment and width),
 * so each is held to the few values the editor itself produces.
 */
const NODE_ATTRIBUTE_RULES: Record<string, Record<string, AttributeRule>> = {
  heading: { level: isIntegerIn(1, 6) },
  codeBlock: { language: isNullOr((value) => typeof value === "string" && CODE_LANGUAGE_PATTERN.test(value)) },
  orderedList: {
    start: isIntegerIn(0, MAX_LIST_START),
    type: isNullOr((value) => typeof value === "string" && ORDERED_LIST_TYPES.has(value)),
  },
  tableCell: cellRules,
  tableHeader: cellRules,
};

/** Link presentation attributes are fixed by the renderer; stored values are only kept if harmless. */
const MARK_ATTRIBUTE_RULES: Record<string, Record<string, AttributeRule>> = {
  link: {
    href: (value) => typeof value === "string" && isAllowedHref(value),
    target: isNullOr((value) => value === "_blank"),
    rel: isNullOr(isShortString(100)),
    class: isNull,
    title: isNullOr(isShortString(MAX_LINK_TITLE_CHARS)),
  },
};

const BLOCK_TYPE_SET: ReadonlySet<string> = new Set(HANDBOOK_BLOCK_TYPES);

function ruleFor(kind: "node" | "mark", type: string, attribute: string): AttributeRule {
  if (kind === "node" && attribute === BLOCK_ID_ATTRIBUTE && BLOCK_TYPE_SET.has(type)) return blockIdRule;
  const table = kind === "node" ? NODE_ATTRIBUTE_RULES : MARK_ATTRIBUTE_RULES;
  // Attributes without a specific rule are scalars: anything else would be coerced into markup.
  return table[type]?.[attribute] ?? ((value) => value === null || ["string", "number", "boolean"].includes(typeof value));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Control characters other than tab and newline, and unpaired UTF-16 surrogates. Neither
 * means anything in prose, PostgreSQL's jsonb refuses NUL outright, and a lone surrogate
 * cannot be encoded as UTF-8, so either would fail later, at storage or at hashing.
 */
const UNSTORABLE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isStorableText(text: string): boolean {
  return !UNSTORABLE_TEXT.test(text);
}

/** Own keys only: "constructor" or "__proto__" must never pass for a node type or attribute. */
function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function describe(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/**
 * Rebuilds a tree from untrusted JSON, keeping only what the schema knows and the rules
 * allow, and records a message for everything it leaves out. Validation rejects the input
 * when any message was recorded; rendering shows whatever is left: unknown nodes and marks
 * disappear, unsafe links lose their link mark but keep their text, bad attribute values
 * fall back to the schema default.
 */
class ContentWalker {
  readonly errors: ContentProblem[] = [];
  textChars = 0;
  private readonly schema = handbookSchema();

  private fail(problem: ContentProblem): void {
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push(problem);
  }

  node(value: unknown, depth: number): RichNode | null {
    if (depth > MAX_NESTING_DEPTH) {
      this.fail({ key: "nestingTooDeep", max: MAX_NESTING_DEPTH });
      return null;
    }
    if (!isPlainObject(value)) {
      this.fail({ key: "notANode", value: describe(value) });
      return null;
    }
    const type = value.type;
    if (typeof type !== "string" || !hasOwn(this.schema.nodes, type)) {
      this.fail({ key: "unknownNodeType", value: describe(type) });
      return null;
    }
    if (type === "text") {
      if (typeof value.text !== "string" || value.text.length === 0) {
        this.fail({ key: "textWithoutText" });
        return null;
      }
      if (!isStorableText(value.text)) {
        this.fail({ key: "unstorableText", value: describe(value.text) });
        return null;
      }
      const text = value.text.normalize("NFC");
      this.textChars += text.length;
      return this.withMarks({ type, text }, value.marks);
    }

    const result: RichNode = { type };
    const attrs = this.attributes("node", type, value.attrs);
    if (attrs) result.attrs = attrs;
    if (value.content !== undefined) {
      if (!Array.isArray(value.content)) {
        this.fail({ key: "contentNotArray", node: type });
      } else {
        const children: RichNode[] = [];
        for (const child of value.content) {
          const converted = this.node(child, depth + 1);
          if (converted) children.push(converted);
        }
        if (children.length > 0) result.content = children;
      }
    }
    return this.withMarks(result, value.marks);
  }

  /** Marks may sit on text and on inline atoms such as hard breaks; `check()` decides where they are allowed. */
  private withMarks(node: RichNode, raw: unknown): RichNode {
    if (raw === undefined) return node;
    if (!Array.isArray(raw)) {
      this.fail({ key: "marksNotArray" });
      return node;
    }
    const marks: Mark[] = [];
    for (const item of raw) {
      const mark = this.mark(item);
      if (mark) marks.push(mark);
    }
    return marks.length > 0 ? { ...node, marks } : node;
  }

  private mark(value: unknown): Mark | null {
    if (!isPlainObject(value)) {
      this.fail({ key: "invalidMark", value: describe(value) });
      return null;
    }
    const type = value.type;
    if (typeof type !== "string" || !hasOwn(this.schema.marks, type)) {
      this.fail({ key: "unknownMarkType", value: describe(type) });
      return null;
    }
    if (type === "link") {
      const href = isPlainObject(value.attrs) ? value.attrs.href : undefined;
      if (typeof href !== "string" || !isAllowedHref(href)) {
        this.fail({ key: "unsafeLink", value: describe(href) });
        return null;
      }
    }
    const result: Mark = { type };
    const attrs = this.attributes("mark", type, value.attrs);
    if (attrs) result.attrs = attrs;
    return result;
  }

  /** Keeps the attributes the schema declares; unknown ones are dropped, as ProseMirror would. */
  private attributes(kind: "node" | "mark", type: string, raw: unknown): Record<string, unknown> | null {
    if (raw === undefined || raw === null) return null;
    if (!isPlainObject(raw)) {
      this.fail({ key: "attrsNotObject", node: type });
      return null;
    }
    const spec = kind === "node" ? this.schema.nodes[type]?.spec.attrs : this.schema.marks[type]?.spec.attrs;
    const result: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(raw)) {
      if (!spec || !hasOwn(spec, name) || value === undefined) continue;
      if (typeof value === "object" && value !== null && !(name === "colwidth" && Array.isArray(value))) {
        this.fail({ key: "attributeNotPrimitive", node: type, name });
        continue;
      }
      if (!ruleFor(kind, type, name)(value) || (typeof value === "string" && !isStorableText(value))) {
        this.fail({ key: "invalidAttributeValue", node: type, name, value: describe(value) });
        continue;
      }
      result[name] = typeof value === "string" ? value.normalize("NFC") : value;
    }
    return Object.keys(result).length > 0 ? result : null;
  }
}

function jsonByteLength(json: unknown): number | null {
  try {
    const text = JSON.stringify(json);
    return text === undefined ? null : new TextEncoder().encode(text).length;
  } catch {
    // Cycles, BigInt values and nesting deep enough to exhaust the stack all land here.
    return null;
  }
}

/**
 * Accepts `json` only if it is a complete, well-formed section of the handbook schema with
 * safe links and sane sizes. On success the content is returned in the editor's own JSON
 * shape (every declared attribute present, defaults filled in), with all text NFC.
 */
export function validateSectionContent(json: unknown): ValidationResult {
  if (!isPlainObject(json) || json.type !== "doc") {
    return { ok: false, errors: [{ key: "notADoc" }] };
  }
  const bytes = jsonByteLength(json);
  if (bytes === null) {
    return { ok: false, errors: [{ key: "notSerializable" }] };
  }
  if (bytes > MAX_SECTION_JSON_BYTES) {
    return { ok: false, errors: [{ key: "tooLarge", bytes, max: MAX_SECTION_JSON_BYTES }] };
  }

  const walker = new ContentWalker();
  const normalized = walker.node(json, 0);
  if (walker.textChars > MAX_SECTION_TEXT_CHARS) {
    walker.errors.push({ key: "textTooLong", chars: walker.textChars, max: MAX_SECTION_TEXT_CHARS });
  }
  if (walker.errors.length > 0 || normalized === null) return { ok: false, errors: walker.errors };

  try {
    const doc = handbookSchema().nodeFromJSON(normalized);
    doc.check();
    return { ok: true, content: doc.toJSON() as SectionContent };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ key: "invalidStructure", detail }] };
  }
}

/** The bytes `validateSectionContent` counts for a section without blocks: `{"type":"doc","content":[]}`. */
const EMPTY_SECTION_JSON_BYTES = JSON.stringify({ type: "doc", content: [] }).length;

/**
 * One top-level block of a section, checked alone: valid (with what it adds to the section's
 * sizes) exactly when `validateSectionContent` finds nothing wrong inside it as a child of the
 * section. Every rule but three is local to a block: the section's JSON size and text length are
 * sums over its blocks, and the schema's rule for the section's own content (which blocks, in
 * which order) reads only their types; `sectionOfBlocksIsValid` applies those three.
 */
export type BlockCheck = { ok: true; type: string; jsonBytes: number; textChars: number } | { ok: false };

export function checkSectionBlock(json: unknown): BlockCheck {
  const jsonBytes = jsonByteLength(json);
  if (jsonBytes === null) return { ok: false };
  const walker = new ContentWalker();
  // Depth 1: a block sits directly in the section, and nesting is counted from the section.
  const normalized = walker.node(json, 1);
  if (walker.errors.length > 0 || normalized === null || normalized.type === "text" || normalized.marks) return { ok: false };
  try {
    handbookSchema().nodeFromJSON(normalized).check();
  } catch {
    return { ok: false };
  }
  return { ok: true, type: normalized.type, jsonBytes, textChars: walker.textChars };
}

/**
 * Whether a section made of these blocks (each valid by `checkSectionBlock`, in this order) is
 * valid: its JSON (the blocks joined by commas inside the section's own object) within
 * MAX_SECTION_JSON_BYTES, its text within MAX_SECTION_TEXT_CHARS, and its block types a sequence
 * the schema's section node accepts.
 */
export function sectionOfBlocksIsValid(blocks: readonly Extract<BlockCheck, { ok: true }>[]): boolean {
  const schema = handbookSchema();
  let jsonBytes = EMPTY_SECTION_JSON_BYTES + Math.max(0, blocks.length - 1);
  let textChars = 0;
  let match: ContentMatch | null = schema.topNodeType.contentMatch;
  for (const block of blocks) {
    jsonBytes += block.jsonBytes;
    textChars += block.textChars;
    const type = schema.nodes[block.type];
    match = type ? match.matchType(type) : null;
    if (match === null) return false;
  }
  return match.validEnd && jsonBytes <= MAX_SECTION_JSON_BYTES && textChars <= MAX_SECTION_TEXT_CHARS;
}

/**
 * Gives every block type that UniqueID covers an id when it has none, and a fresh id to the
 * second and later holders of a duplicated id (a raw client can copy one), because anchors,
 * diffs and blame need ids to be unique within a section. Returns a new tree.
 */
export function ensureBlockIds(
  content: SectionContent,
  idFactory: () => string = () => crypto.randomUUID(),
): SectionContent {
  const seen = new Set<string>();
  const visit = (node: RichNode): RichNode => {
    const copy: RichNode = { ...node };
    if (BLOCK_TYPE_SET.has(node.type)) {
      const current = node.attrs?.[BLOCK_ID_ATTRIBUTE];
      const keep = isValidBlockId(current) && !seen.has(current);
      const id = keep ? current : idFactory();
      seen.add(id);
      copy.attrs = { ...node.attrs, [BLOCK_ID_ATTRIBUTE]: id };
    }
    if (node.content) copy.content = node.content.map(visit);
    return copy;
  };
  return visit(content) as SectionContent;
}

/**
 * UniqueID renders `data-id`; readers instead get `id="b-<blockId>"` on each block so a
 * link such as `/handbook/...#b-<blockId>` scrolls to the cited passage. The prefix keeps
 * anchors from colliding with the page's own ids. Only the render schema carries this;
 * the attribute name and default match UniqueID's, so the document model is unchanged.
 */
const BlockAnchors = Extension.create({
  name: "blockAnchors",
  addGlobalAttributes() {
    return [
      {
        types: [...HANDBOOK_BLOCK_TYPES],
        attributes: {
          [BLOCK_ID_ATTRIBUTE]: {
            default: null,
            renderHTML: (attributes: Record<string, unknown>) => {
              const id = attributes[BLOCK_ID_ATTRIBUTE];
              return isValidBlockId(id) ? { id: blockAnchorId(id) } : {};
            },
          },
        },
      },
    ];
  },
});

let cachedRenderExtensions: Extensions | null = null;

function renderExtensions(): Extensions {
  if (cachedRenderExtensions === null) {
    cachedRenderExtensions = [
      ...handbookExtensions().filter((extension) => extension.name !== "uniqueID"),
      BlockAnchors,
    ];
  }
  return cachedRenderExtensions;
}

/**
 * Links are rendered here rather than by the Link extension, so that stored `target`,
 * `rel` and `class` values never reach the page and a refused href drops the anchor
 * entirely instead of leaving an `<a href="">`.
 */
function renderLink({ mark, children }: { mark: PMMark; children?: string | string[] }): string {
  const inner = serializeChildrenToHTMLString(children);
  const href: unknown = mark.attrs.href;
  if (typeof href !== "string" || !isAllowedHref(href)) return inner;
  const title: unknown = mark.attrs.title;
  const attrs: Record<string, string> = { href, rel: "noopener noreferrer" };
  if (typeof title === "string" && title.length > 0) attrs.title = title;
  return `<a${serializeAttrsToHTMLString(attrs)}>${inner}</a>`;
}

/**
 * The part of `content` the schema can read: unknown nodes and marks dropped, attributes
 * held to their rules, unsafe links unlinked (the tree `renderSectionHtml` renders).
 */
export function repairSectionContent(content: SectionContent): SectionContent {
  const repaired = new ContentWalker().node(content, 0);
  return repaired?.type === "doc" ? { type: "doc", content: repaired.content ?? [] } : { type: "doc", content: [] };
}

/**
 * HTML for readers. Safe on its own, even for content that never passed validation: the
 * tree is first repaired (unknown nodes and marks dropped, attributes held to their rules,
 * unsafe links unlinked), text is escaped by the renderer, and links get only an allowed
 * href plus `rel="noopener noreferrer"`. Each block carries `id="b-<blockId>"` as an
 * anchor target (see `blockAnchorId`). If the tree is too broken to render, its plain text
 * is shown instead.
 */
export function renderSectionHtml(content: SectionContent): string {
  const walker = new ContentWalker();
  const repaired = walker.node(content, 0);
  if (repaired === null) return "";
  const schema = handbookSchema();
  try {
    const doc = PMNode.fromJSON(schema, repaired);
    return renderToHTMLString({
      content: doc,
      extensions: renderExtensions(),
      options: { markMapping: { link: renderLink } },
    });
  } catch {
    const text = plainText(repaired);
    return text.length > 0 ? `<p>${escapeHtml(text)}</p>` : "";
  }
}

/**
 * Whether two sections hold the same document. Compared as ProseMirror nodes, because a
 * Yjs round trip drops null attributes and reorders keys. Content the schema cannot read
 * falls back to comparing canonical JSON.
 */
export function contentsEqual(a: SectionContent, b: SectionContent): boolean {
  const schema = handbookSchema();
  try {
    return schema.nodeFromJSON(a).eq(schema.nodeFromJSON(b));
  } catch {
    return canonicalJson(a) === canonicalJson(b);
  }
}
