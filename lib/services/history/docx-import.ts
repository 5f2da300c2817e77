import JSZip from "jszip";
import mammoth from "mammoth";
import type { MarkdownSection } from "../../domain/chapter";
import { Window } from "happy-dom";
import { isAllowedHref } from "../../editor/extensions";
import { htmlToSections } from "../../editor/html-import";
import { AppError } from "../../errors";
import { MAX_IMPORT_BYTES } from "./import-chapter-proposal";

/**
 * Word documents (.docx) become sections through mammoth's HTML output, read into the
 * editor's schema by Tiptap (lib/editor/html-import.ts). Mammoth maps Word's heading styles
 * to `<h1>`…`<h6>`; `Heading 1` and `Heading 2` therefore start sections, as `#` and `##`
 * do in Markdown. The sections are then validated like a Markdown import's.
 */

/** The ZIP signature every .docx starts with. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Most files one .docx may hold. A Word document is a dozen XML parts plus its images; a
 * chapter with a few hundred pictures still fits. A zip of thousands of tiny entries is a
 * way to make the unzipper allocate per entry, not a document.
 */
export const MAX_DOCX_ENTRIES = 1_000;

/**
 * Most bytes all entries of one .docx may hold once decompressed. The file itself is at most
 * MAX_IMPORT_BYTES (2 MiB); Word's XML compresses about ten to one, so an honest file holds
 * some 20 MiB. Deflate reaches a thousand to one, so a crafted 2 MiB "zip bomb" would
 * otherwise make mammoth inflate gigabytes into memory.
 */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 32 * 1024 * 1024;

/** Mammoth's mapping of Word styles, plus underline, which it ignores by default and the handbook keeps. */
const STYLE_MAP = ["u => u"];

/**
 * Checks the archive before mammoth unzips it: the number of entries from the central
 * directory, and the decompressed size by actually inflating each entry as a stream and
 * counting (the sizes a zip declares can lie), with JSZip, the unzipper mammoth itself uses.
 */
async function checkArchiveLimits(buffer: Buffer): Promise<void> {
  let archive: JSZip;
  try {
    archive = await JSZip.loadAsync(buffer);
  } catch {
    throw new AppError("BAD_REQUEST", "docxUnreadable");
  }
  const entries = Object.values(archive.files).filter((entry) => !entry.dir);
  if (entries.length > MAX_DOCX_ENTRIES) {
    throw new AppError("PAYLOAD_TOO_LARGE", "docxTooManyEntries", { max: MAX_DOCX_ENTRIES });
  }
  let total = 0;
  for (const entry of entries) {
    try {
      total += await inflatedSize(entry, MAX_DOCX_UNCOMPRESSED_BYTES - total);
    } catch {
      throw new AppError("BAD_REQUEST", "docxUnreadable");
    }
    if (total > MAX_DOCX_UNCOMPRESSED_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "docxTooLarge", { maxMiB: MAX_DOCX_UNCOMPRESSED_BYTES / 1024 / 1024 });
  }
}

/** How many bytes an entry inflates to, counted chunk by chunk and given up (the stream paused) once past `budget`. */
function inflatedSize(entry: JSZip.JSZipObject, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const stream = entry.nodeStream("nodebuffer");
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= budget) return;
      stream.pause();
      stream.removeAllListeners();
      resolve(size);
    });
    stream.on("end", () => resolve(size));
    stream.on("error", reject);
  });
}

/** An error names at most this much of a refused link: enough to find it in the document. */
const MAX_SHOWN_HREF_CHARS = 120;

/** The chapter in a Word document, as sections not yet validated. */
export async function docxToSections(buffer: Buffer): Promise<MarkdownSection[]> {
  if (buffer.length < ZIP_MAGIC.length || ZIP_MAGIC.some((byte, index) => buffer[index] !== byte)) {
    throw new AppError("BAD_REQUEST", "docxNotWord");
  }
  if (buffer.length > MAX_IMPORT_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "payloadTooLarge", { limitBytes: MAX_IMPORT_BYTES });
  await checkArchiveLimits(buffer);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        // The schema has no images; an empty converter keeps mammoth from encoding each one into the HTML.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: "" })),
      },
    );
    html = result.value;
  } catch {
    throw new AppError("BAD_REQUEST", "docxUnreadable");
  }
  refuseUnsafeLinks(html);
  return htmlToSections(html);
}

/**
 * A hyperlink the editor would never accept (javascript:, data:, …) makes the whole file
 * refused, as an unsafe link in Markdown is: quietly unlinking it would import a document
 * that differs from the one its author sent, with no word to anyone.
 */
function refuseUnsafeLinks(html: string): void {
  const window = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  try {
    window.document.body.innerHTML = html;
    for (const anchor of window.document.querySelectorAll("a[href]")) {
      const href = anchor.getAttribute("href") ?? "";
      if (!isAllowedHref(href)) throw new AppError("BAD_REQUEST", "docxUnsafeLink", { href: href.slice(0, MAX_SHOWN_HREF_CHARS) });
    }
  } finally {
    void window.happyDOM.close();
  }
}
