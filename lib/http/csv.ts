/**
 * CSV for spreadsheets. Fields an anonymous visitor can type end up here (a failed sign-in's
 * address, a proposal title), and spreadsheet programs run a cell that starts with `=`, `+`, `-`
 * or `@` (or a tab or carriage return before one) as a formula: OWASP's advice is to prefix such
 * a cell with a single quote, which makes it text, and to quote every field. The byte-order mark
 * makes Excel read the file as UTF-8, so Vietnamese shows as written.
 */
export const UTF8_BOM = "\uFEFF";
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

export function csvCell(value: unknown): string {
  let text = typeof value === "string" ? value : value === null || value === undefined ? "" : typeof value === "number" ? String(value) : JSON.stringify(value);
  if (text.length > 0 && FORMULA_TRIGGERS.has(text[0])) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A whole CSV document, with the byte-order mark and CRLF line ends (RFC 4180). */
export function csvDocument(header: string[], rows: unknown[][]): string {
  return UTF8_BOM + [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
