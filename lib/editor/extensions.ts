/**
 * The one Tiptap extension list of the handbook. The browser editor, the server-side
 * validator, the HTML renderer and the Y.Doc conversions all build their schema from it,
 * so a document accepted in one place means the same thing everywhere.
 *
 * Collaboration and CollaborationCaret are deliberately absent: the browser editor adds
 * them with its own Y.Doc and provider. Neither adds node or mark types, so the schema is
 * identical with or without them.
 *
 * Nothing here touches the DOM at import time: the module is loaded by Node on the server
 * and by a client component in the browser.
 */
import { getSchema, type Extensions } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import type { Transaction } from "@tiptap/pm/state";
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";
import UniqueID from "@tiptap/extension-unique-id";
import { ySyncPluginKey } from "@tiptap/y-tiptap";

/**
 * Block types that carry a stable `id` attribute. Diffs, merges, blame and links to a
 * passage all address blocks by these ids. List items get one too so that a change to a
 * single item of a long list can be attributed and linked; table rows and cells do not,
 * because a table is reviewed and cited as a whole.
 */
export const HANDBOOK_BLOCK_TYPES = [
  "paragraph",
  "heading",
  "blockquote",
  "codeBlock",
  "horizontalRule",
  "bulletList",
  "orderedList",
  "listItem",
  "table",
] as const;

export type HandbookBlockType = (typeof HANDBOOK_BLOCK_TYPES)[number];

/** The attribute UniqueID writes; `blockId()` in lib/domain/document.ts reads the same name. */
export const BLOCK_ID_ATTRIBUTE = "id";

/**
 * What a block id may look like: UniqueID's UUIDs (36 characters) and shorter test ids.
 * Ids end up in HTML id attributes and URL fragments, so nothing else is accepted.
 */
export const BLOCK_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidBlockId(value: unknown): value is string {
  return typeof value === "string" && BLOCK_ID_PATTERN.test(value);
}

/** Readers' pages prefix block anchors so they never collide with the page's own element ids. */
export const BLOCK_ANCHOR_PREFIX = "b-";

/** The HTML id (and URL fragment) of a block on a reader's page: `#b-<blockId>`. */
export function blockAnchorId(blockId: string): string {
  return `${BLOCK_ANCHOR_PREFIX}${blockId}`;
}

/**
 * Heading levels offered inside a section. Levels 1 and 2 belong to the document and the
 * section titles, and `#`/`##` split sections on Markdown import, so content headings start
 * at 3. A stored heading of level 1 or 2 is still accepted and renders as level 3.
 */
export const HANDBOOK_HEADING_LEVELS = [3, 4, 5, 6] as const;

/** The only link schemes readers are sent to: web pages and e-mail addresses. */
export const ALLOWED_LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

/**
 * Longest href accepted. Browsers and proxies start refusing URLs beyond a few thousand
 * characters, and a citation link has no reason to be longer.
 */
export const MAX_HREF_CHARS = 2048;

/** Whitespace, control characters and the Unicode line/paragraph separators. */
const UNSAFE_HREF_CHARS = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/** The raw text must begin with the scheme itself: no leading spaces, entities or tricks. */
const ALLOWED_HREF_PREFIX = /^(?:https?:\/\/[^/?#\\]|mailto:[^/\\])/i;

/**
 * True only for absolute http(s) URLs with a host and for mailto: addresses. Everything
 * else is refused: javascript:, data:, vbscript:, relative and protocol-relative URLs, and
 * any spelling that a browser would normalize into something else (embedded tabs, leading
 * spaces, HTML entities), because those are exactly how filters get bypassed.
 */
export function isAllowedHref(href: string): boolean {
  if (typeof href !== "string") return false;
  if (href.length === 0 || href.length > MAX_HREF_CHARS) return false;
  if (UNSAFE_HREF_CHARS.test(href)) return false;
  if (!ALLOWED_HREF_PREFIX.test(href)) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (!(ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(scheme)) return false;
  if (scheme === "mailto") return url.pathname.length > 0;
  return url.hostname.length > 0;
}

/**
 * Remote changes arriving through Yjs already carry the ids their author's editor gave
 * them; regenerating ids for them would make two clients fight over the same blocks.
 */
function isRemoteYjsChange(transaction: Transaction): boolean {
  return Boolean(transaction.getMeta(ySyncPluginKey));
}

/** Every heading level HTML has: an imported file's `<h1>` and `<h2>` are its section titles. */
export const IMPORTED_HEADING_LEVELS = [1, 2, 3, 4, 5, 6] as const;

/**
 * The handbook's extension list. Call it once per editor or use the cached schema.
 * `headingLevels` only changes which levels the editor offers and HTML parsing accepts,
 * not the schema: imports read `<h1>` and `<h2>` to split a file into sections.
 */
export function handbookExtensions(headingLevels: readonly (1 | 2 | 3 | 4 | 5 | 6)[] = HANDBOOK_HEADING_LEVELS): Extensions {
  return [
    StarterKit.configure({
      // Collaboration brings its own undo; keeping the history plugin off everywhere keeps one schema.
      undoRedo: false,
      heading: { levels: [...headingLevels] },
      link: {
        openOnClick: false,
        autolink: true,
        isAllowedUri: (url) => isAllowedHref(url),
        HTMLAttributes: { rel: "noopener noreferrer", target: null, class: null },
      },
    }),
    TableKit.configure({
      // Column widths would be stored per cell and fight the reader's responsive layout.
      table: { resizable: false },
    }),
    UniqueID.configure({
      attributeName: BLOCK_ID_ATTRIBUTE,
      types: [...HANDBOOK_BLOCK_TYPES],
      filterTransaction: (transaction) => !isRemoteYjsChange(transaction),
    }),
  ];
}

let cachedSchema: Schema | null = null;

/** The ProseMirror schema of `handbookExtensions()`, built once per process. */
export function handbookSchema(): Schema {
  if (cachedSchema === null) cachedSchema = getSchema(handbookExtensions());
  return cachedSchema;
}
