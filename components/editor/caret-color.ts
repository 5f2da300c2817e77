/**
 * Caret colors: dark enough for white label text (WCAG AA at the label's size) and far enough
 * apart to tell two people's carets apart. Each person keeps their color on every device.
 */
export const CARET_COLORS = ["#1d4ed8", "#b91c1c", "#047857", "#7c3aed", "#c2410c", "#0e7490", "#be185d", "#4d7c0f"] as const;

export function caretColor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return CARET_COLORS[hash % CARET_COLORS.length];
}

/**
 * The Yjs fragment the editor binds to. It must equal YDOC_FIELD (lib/editor/ydoc.ts),
 * which the server reads and writes; that module is not imported here because it also
 * carries the server-side HTML renderer, which browsers have no use for. A test checks both.
 */
export const EDITOR_FIELD = "default";
