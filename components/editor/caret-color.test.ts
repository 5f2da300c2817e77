import { describe, expect, it } from "vitest";
import { YDOC_FIELD } from "@/lib/editor/ydoc";
import { CARET_COLORS, EDITOR_FIELD, caretColor } from "./caret-color";

describe("the editor's constants", () => {
  it("binds the browser editor to the same Yjs fragment the server reads", () => {
    expect(EDITOR_FIELD).toBe(YDOC_FIELD);
  });

  it("gives each person one stable caret color from the palette", () => {
    expect(caretColor("user-a")).toBe(caretColor("user-a"));
    expect(CARET_COLORS).toContain(caretColor("user-b"));
    expect(new Set(["a", "b", "c", "d", "e", "f", "g", "h"].map(caretColor)).size).toBeGreaterThan(3);
  });
});
