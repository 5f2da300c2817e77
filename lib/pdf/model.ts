import type { RichNode } from "../domain/document";

/**
 * What the PDF renderer lays out: a title page, an optional table of contents, then headed
 * sections of rich content (Tiptap JSON) or plain tables, with a running header and footer on
 * every page. Words arrive already chosen in the reader's language; the renderer adds none.
 * A published version is one such document (./version-pdf.ts); a consultation report can be
 * another.
 */
export interface PdfDocumentModel {
  /** BCP 47 language of the text, written as the file's /Lang: "vi", "en". */
  language: string;
  title: string;
  /** The line under the title on the first page, e.g. "Phiên bản 2". */
  subtitle: string | null;
  /** Label and value pairs on the first page: dates, hashes, the permalink. */
  facts: PdfFact[];
  /** A closing sentence on the first page, e.g. how to verify this copy. */
  note: string | null;
  running: PdfRunningText;
  /** "Trang 3/12": every page's number among all pages. */
  pageLabel: (page: number, total: number) => string;
  /** Heading of the table of contents; null leaves it out. */
  contentsTitle: string | null;
  sections: PdfSection[];
  info: PdfFileInfo;
}

export interface PdfFact {
  label: string;
  value: string;
  /** Makes the value a link (http, https or mailto). */
  link?: string;
}

export interface PdfLine {
  text: string;
  link?: string;
}

/** Printed on every page, title page included, so that any single sheet says what it is. */
export interface PdfRunningText {
  /** Left of the header: usually the document's title. */
  header: string;
  /** Lines of the footer, smallest type: version, dates, hash, permalink. */
  footerLines: PdfLine[];
  /** A URL drawn as a QR code beside the footer, or null for none. */
  qrCode: string | null;
}

export interface PdfSection {
  title: string;
  body: PdfSectionBody;
}

export type PdfSectionBody =
  /** Editor content: a Tiptap `doc` node (or any node with block children). */
  | { kind: "rich"; content: RichNode }
  /** A table of plain text under a header row, e.g. the comments of a consultation and their answers. */
  | { kind: "table"; columns: string[]; rows: string[][] };

/** The file's own metadata. Everything here is fixed by the input, so the bytes are too. */
export interface PdfFileInfo {
  /** The viewer's window title. */
  title: string;
  subject: string;
  /** The application that made the file, e.g. "Cẩm nang mở". */
  creator: string;
  /** CreationDate and ModDate: the moment the content was published, not the moment of export. */
  date: Date;
  /**
   * Any string that identifies this exact file (e.g. version hash, language, permalink): the
   * file identifier in the trailer's /ID is derived from it, and from nothing random.
   */
  fileIdentity: string;
}
