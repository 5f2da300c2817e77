import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Reading PDF files back with poppler (Debian `poppler-utils`: pdffonts, pdftotext, pdftohtml,
 * pdfinfo), so that tests check what a reader's viewer sees rather than our own idea of it.
 */

function withFile<T>(pdf: Uint8Array, read: (file: string) => T): T {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "handbook-pdf-"));
  const file = path.join(directory, "file.pdf");
  try {
    fs.writeFileSync(file, pdf);
    return read(file);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** `pdffonts`: every font the file uses. */
export function pdfFonts(pdf: Uint8Array): PdfFont[] {
  const output = withFile(pdf, (file) => run("pdffonts", [file]));
  return output
    .split("\n")
    .slice(2)
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      // name, type (may hold spaces), encoding, then the yes/no columns and the object id.
      const match = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
      if (!match) throw new Error(`unexpected pdffonts line: ${line}`);
      return { name: match[1], type: match[2], embedded: match[4] === "yes", subset: match[5] === "yes", unicode: match[6] === "yes" };
    });
}

/** `pdfinfo -isodates`: the info dictionary and page facts, by their printed names. */
export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const output = withFile(pdf, (file) => run("pdfinfo", ["-isodates", file]));
  return Object.fromEntries(
    output
      .split("\n")
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1].trim(), match[2].trim()]),
  );
}

export interface TextOptions {
  first?: number;
  last?: number;
  /** Only text inside this rectangle of each page, in points from the top-left corner. */
  crop?: { x: number; y: number; width: number; height: number };
  /** Keep the physical layout: text on one line of the page stays on one line (a contents entry and its page number). */
  layout?: boolean;
}

/** `pdftotext`: the text in reading order, pages separated by form feeds. */
export function pdfText(pdf: Uint8Array, options: TextOptions = {}): string {
  const args = ["-enc", "UTF-8"];
  if (options.layout) args.push("-layout");
  if (options.first !== undefined) args.push("-f", String(options.first));
  if (options.last !== undefined) args.push("-l", String(options.last));
  if (options.crop) {
    const { x, y, width, height } = options.crop;
    args.push("-x", String(Math.floor(x)), "-y", String(Math.floor(y)), "-W", String(Math.ceil(width)), "-H", String(Math.ceil(height)));
  }
  return withFile(pdf, (file) => run("pdftotext", [...args, file, "-"]));
}

export interface OutlineEntry {
  title: string;
  page: number;
  children: OutlineEntry[];
}

function unescapeXml(value: string): string {
  return value
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_match, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, "&");
}

/** The bookmarks (outline) as `pdftohtml -xml` reads them, nested, with their target pages. */
export function pdfOutline(pdf: Uint8Array): OutlineEntry[] {
  const xml = withFile(pdf, (file) => run("pdftohtml", ["-xml", "-stdout", "-i", "-q", file]));
  const start = xml.indexOf("<outline>");
  if (start < 0) return [];
  const root: OutlineEntry[] = [];
  /** The lists being filled, outermost first: the root, then each open item's children. */
  const open: OutlineEntry[][] = [];
  const token = /<outline>|<\/outline>|<item page="(\d+)">([\s\S]*?)<\/item>/g;
  token.lastIndex = start;
  for (let match = token.exec(xml); match; match = token.exec(xml)) {
    const list = open.at(-1);
    if (match[0] === "<outline>") {
      const parent = list?.at(-1);
      if (list && !parent) throw new Error("nested outline without a parent item");
      open.push(parent ? parent.children : root);
    } else if (match[0] === "</outline>") {
      open.pop();
      if (open.length === 0) break;
    } else {
      list?.push({ title: unescapeXml(match[2]), page: Number(match[1]), children: [] });
    }
  }
  return root;
}
