import { describe, expect, it } from "vitest";
import { getSchema } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import * as Y from "yjs";
import {
  ALLOWED_LINK_PROTOCOLS,
  HANDBOOK_BLOCK_TYPES,
  MAX_HREF_CHARS,
  blockAnchorId,
  handbookExtensions,
  handbookSchema,
  isAllowedHref,
  isValidBlockId,
} from "./extensions";

describe("isAllowedHref", () => {
  it.each([
    "https://chinhphu.vn",
    "http://example.com/path?q=1#frag",
    "HTTPS://EXAMPLE.COM/",
    "https://example.vn/chuyển-đổi-số",
    "mailto:lienhe@mic.gov.vn",
    "MAILTO:a@b.vn?subject=G%C3%B3p%20%C3%BD",
  ])("accepts the web or e-mail address %j", (href) => {
    expect(isAllowedHref(href)).toBe(true);
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "&#106;avascript:alert(1)",
    "\u0000javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "//evil.example/x",
    "/relative/path",
    "relative",
    "#anchor",
    "ftp://example.com/file",
    "tel:+84123",
    "https:evil.example",
    "https:/evil.example",
    "https://",
    "mailto:",
    " https://example.com",
    "https://example.com ",
    "",
  ])("refuses %j", (href) => {
    expect(isAllowedHref(href)).toBe(false);
  });

  it("refuses addresses longer than the limit", () => {
    expect(isAllowedHref(`https://example.com/${"a".repeat(MAX_HREF_CHARS)}`)).toBe(false);
  });

  it("allows exactly http, https and mailto", () => {
    expect([...ALLOWED_LINK_PROTOCOLS]).toEqual(["http", "https", "mailto"]);
  });
});

describe("handbookSchema", () => {
  it("knows every block type that carries an id, and each of them has an id attribute defaulting to null", () => {
    const schema = handbookSchema();
    for (const type of HANDBOOK_BLOCK_TYPES) {
      expect(schema.nodes[type], type).toBeDefined();
      expect(schema.nodes[type]?.spec.attrs?.id).toMatchObject({ default: null });
    }
  });

  it("has tables, links and underline but no second copy of any extension", () => {
    const schema = handbookSchema();
    expect(Object.keys(schema.nodes)).toEqual(expect.arrayContaining(["table", "tableRow", "tableCell", "tableHeader"]));
    expect(Object.keys(schema.marks)).toEqual(expect.arrayContaining(["link", "bold", "italic", "strike", "code", "underline"]));
    const names = handbookExtensions().map((extension) => extension.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("is the same schema with Collaboration added, as the browser editor builds it", () => {
    const withCollaboration = getSchema([...handbookExtensions(), Collaboration.configure({ document: new Y.Doc() })]);
    const plain = handbookSchema();
    expect(Object.keys(withCollaboration.nodes)).toEqual(Object.keys(plain.nodes));
    expect(Object.keys(withCollaboration.marks)).toEqual(Object.keys(plain.marks));
    for (const [name, type] of Object.entries(plain.nodes)) {
      expect(Object.keys(withCollaboration.nodes[name]?.spec.attrs ?? {})).toEqual(Object.keys(type.spec.attrs ?? {}));
      expect(withCollaboration.nodes[name]?.spec.content).toEqual(type.spec.content);
    }
  });

  it("builds the schema once", () => {
    expect(handbookSchema()).toBe(handbookSchema());
  });
});

describe("block ids", () => {
  it("accepts UUIDs and refuses ids that could break out of an HTML attribute or a URL fragment", () => {
    expect(isValidBlockId(crypto.randomUUID())).toBe(true);
    expect(isValidBlockId("a\" onclick=\"x")).toBe(false);
    expect(isValidBlockId("")).toBe(false);
    expect(isValidBlockId(42)).toBe(false);
  });

  it("prefixes anchors so that they never collide with the page's own ids", () => {
    expect(blockAnchorId("abc")).toBe("b-abc");
  });
});
