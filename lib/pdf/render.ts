import { createHash } from "node:crypto";
import PDFDocument from "pdfkit";
import { normalizeText } from "../domain/text";
import { AppError } from "../errors";
import { contentBlocks, plainRuns, PLAIN_STYLE, textLength, type Block, type InlineRun } from "./blocks";
import { FONT_FACES, fontFiles } from "./fonts";
import { AnchorSink, BODY, SECTION_GAP, SECTION_TITLE, box, layoutBlocks, lineBoxes, solidBox, withSpaceBefore, type LaidBox, type Painter } from "./layout";
import type { PdfDocumentModel, PdfSectionBody } from "./model";
import { paginate, type Anchor } from "./paginate";
import { qrMatrix, type QrMatrix } from "./qr";
import { COLORS, Typesetter, type Typography } from "./typesetter";

/**
 * Most characters of text one PDF may hold. The seed chapter has some 4,000; a whole
 * 100,000-word handbook about 450,000, which renders in 2 to 3 s on a loaded 2-core machine.
 * Rendering runs on the web server's own thread, so the bound (a third above a whole
 * handbook) keeps one request from holding the server for more than a few seconds.
 */
export const MAX_PDF_TEXT_CHARS = 600_000;

/** A4 portrait, in points: what Vietnamese administrative documents are printed on. */
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 64;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
/** The body lies between the running header (above 58 pt) and the footer (the last 110 pt). */
const BODY_TOP = 76;
const FOOTER_HEIGHT = 110;
const BODY_HEIGHT = PAGE_HEIGHT - BODY_TOP - FOOTER_HEIGHT;
/** Where the body text lies on every page, in points from the top-left corner: all but the running header and footer. */
export const PDF_BODY_AREA = { x: 0, y: BODY_TOP, width: PAGE_WIDTH, height: BODY_HEIGHT } as const;

const HEADER_BASELINE = 44;
const HEADER_RULE_Y = 54;
const FOOTER_RULE_Y = PAGE_HEIGHT - 100;
const FOOTER_TOP = PAGE_HEIGHT - 94;
/** About 17 mm: a phone reads a medium-correction symbol of a short URL at this size from paper. */
const QR_SIZE = 62;
const QR_GAP = 14;

const RUNNING: Typography = { size: 7.5, lineHeight: 10.5, color: COLORS.muted, bold: false, italic: false };
const TITLE: Typography = { size: 26, lineHeight: 34, color: COLORS.heading, bold: true, italic: false };
const SUBTITLE: Typography = { size: 15, lineHeight: 21, color: COLORS.muted, bold: false, italic: false };
const FACT_LABEL: Typography = { size: 8.5, lineHeight: 12.5, color: COLORS.muted, bold: true, italic: false };
const FACT_VALUE: Typography = { size: 10, lineHeight: 14.5, color: COLORS.text, bold: false, italic: false };
const NOTE: Typography = { size: 9, lineHeight: 13.5, color: COLORS.muted, bold: false, italic: true };
const TOC_ENTRY: Typography = BODY;
const TOC_SUBENTRY: Typography = { size: 9.5, lineHeight: 14, color: COLORS.muted, bold: false, italic: false };
/** Room on the right of a contents line for its page number. */
const TOC_NUMBER_COLUMN = 40;
const TOC_SUBENTRY_INDENT = 14;
/** The contents lists sections and the first level of headings inside them; deeper ones are in the outline only. */
const TOC_DEEPEST_LEVEL = 2;
const TITLE_PAGE_TOP_SPACE = 96;

function bodyBlocks(body: PdfSectionBody): Block[] {
  if (body.kind === "rich") return contentBlocks(body.content);
  const cell = (text: string, header: boolean) => ({ header, colspan: 1, blocks: [{ kind: "paragraph" as const, runs: plainRuns(text) }] });
  return [{ kind: "table", rows: [body.columns.map((column) => cell(column, true)), ...body.rows.map((row) => row.map((value) => cell(value, false)))] }];
}

function textBoxes(ts: Typesetter, runs: InlineRun[], width: number, typography: Typography, spaceBefore: number): LaidBox[] {
  return withSpaceBefore(lineBoxes(ts.lines(runs, width, typography), typography, ts), spaceBefore);
}

function titlePageBoxes(ts: Typesetter, model: PdfDocumentModel): LaidBox[] {
  const boxes: LaidBox[] = [box({ height: TITLE_PAGE_TOP_SPACE, draw: () => undefined })];
  boxes.push(solidBox(ts.lines(plainRuns(model.title), CONTENT_WIDTH, TITLE), TITLE, ts, { keepWithNext: true }));
  if (model.subtitle) boxes.push(...textBoxes(ts, plainRuns(model.subtitle), CONTENT_WIDTH, SUBTITLE, 6));
  boxes.push(
    box({
      height: 12,
      spaceBefore: 14,
      draw: (painter, x, y) => painter.ts.line(x, y + 6, CONTENT_WIDTH, 0.8, COLORS.rule),
    }),
  );
  for (const fact of model.facts) {
    boxes.push(...textBoxes(ts, plainRuns(fact.label), CONTENT_WIDTH, FACT_LABEL, 10).map((label) => ({ ...label, keepWithNext: true })));
    boxes.push(...textBoxes(ts, plainRuns(fact.value, fact.link), CONTENT_WIDTH, FACT_VALUE, 1));
  }
  if (model.note) boxes.push(...textBoxes(ts, plainRuns(model.note), CONTENT_WIDTH, NOTE, 26));
  return boxes;
}

function tocBoxes(ts: Typesetter, title: string, anchors: readonly Anchor[]): LaidBox[] {
  const boxes: LaidBox[] = [solidBox(ts.lines(plainRuns(title), CONTENT_WIDTH, SECTION_TITLE), SECTION_TITLE, ts, { pageBreakBefore: true, keepWithNext: true })];
  for (const anchor of anchors.filter((entry) => entry.level <= TOC_DEEPEST_LEVEL)) {
    const typography = anchor.level === 1 ? TOC_ENTRY : TOC_SUBENTRY;
    const indent = anchor.level === 1 ? 0 : TOC_SUBENTRY_INDENT;
    const lines = ts.lines(plainRuns(anchor.title), CONTENT_WIDTH - indent - TOC_NUMBER_COLUMN, typography);
    const height = lines.length * typography.lineHeight;
    boxes.push(
      box({
        height,
        spaceBefore: anchor.level === 1 ? 6 : 1,
        draw: (painter, x, y) => {
          lines.forEach((line, index) => painter.ts.drawLine(line, x + indent, y + index * typography.lineHeight, typography));
          const number = String(painter.pageOf(anchor.id));
          const style = painter.ts.drawStyle(PLAIN_STYLE, typography);
          const baseline = y + (lines.length - 1) * typography.lineHeight + painter.ts.baseline(typography);
          painter.ts.drawText(number, x + CONTENT_WIDTH - painter.ts.measure(number, style), baseline, style);
          painter.ts.doc.goTo(x, y, CONTENT_WIDTH, height, anchor.id);
        },
      }),
    );
  }
  return boxes;
}

function sectionBoxes(ts: Typesetter, title: string, blocks: Block[], anchors: AnchorSink): LaidBox[] {
  const lines = ts.lines(plainRuns(title), CONTENT_WIDTH, SECTION_TITLE);
  const heading = box({
    height: lines.length * SECTION_TITLE.lineHeight,
    spaceBefore: SECTION_GAP,
    keepWithNext: true,
    anchor: anchors.add(title, 1),
    draw: (painter, x, y, spaceAbove) => {
      // A thin rule separates a section from the one before it on the same page.
      if (spaceAbove > 0) painter.ts.line(x, y - 12, CONTENT_WIDTH, 0.8, COLORS.rule);
      lines.forEach((line, index) => painter.ts.drawLine(line, x, y + index * SECTION_TITLE.lineHeight, SECTION_TITLE));
    },
  });
  const content = layoutBlocks(ts, blocks, CONTENT_WIDTH, { typography: BODY, listDepth: 0, anchors, maxBoxHeight: BODY_HEIGHT });
  return [heading, ...content];
}

function drawQr(doc: PDFKit.PDFDocument, matrix: QrMatrix, x: number, y: number, size: number): void {
  const module = size / matrix.size;
  for (const run of matrix.runs) doc.rect(x + run.column * module, y + run.row * module, run.length * module, module);
  doc.fill(COLORS.text);
}

function drawRunningText(ts: Typesetter, model: PdfDocumentModel, page: number, total: number, qr: QrMatrix | null): void {
  const { doc } = ts;
  const style = ts.drawStyle(PLAIN_STYLE, RUNNING);
  const label = model.pageLabel(page, total);
  const labelWidth = ts.measure(label, style);
  const header = ts.fitOneLine(normalizeText(model.running.header), CONTENT_WIDTH - labelWidth - 12, style);
  ts.drawText(header, MARGIN_X, HEADER_BASELINE, style);
  ts.drawText(label, MARGIN_X + CONTENT_WIDTH - labelWidth, HEADER_BASELINE, style);
  ts.line(MARGIN_X, HEADER_RULE_Y, CONTENT_WIDTH, 0.5, COLORS.rule);
  ts.line(MARGIN_X, FOOTER_RULE_Y, CONTENT_WIDTH, 0.5, COLORS.rule);

  const textWidth = qr ? CONTENT_WIDTH - QR_SIZE - QR_GAP : CONTENT_WIDTH;
  let top = FOOTER_TOP;
  for (const line of model.running.footerLines) {
    for (const laid of ts.lines(plainRuns(line.text, line.link), textWidth, RUNNING)) {
      ts.drawLine(laid, MARGIN_X, top, RUNNING);
      top += RUNNING.lineHeight;
    }
  }
  if (qr) drawQr(doc, qr, MARGIN_X + CONTENT_WIDTH - QR_SIZE, FOOTER_TOP, QR_SIZE);
}

/** The trailer's /ID: 16 bytes of SHA-256 over the model's file identity, the same for the same input. */
function fileIdentifier(identity: string): Uint8Array {
  return new Uint8Array(createHash("sha256").update(identity, "utf8").digest().subarray(0, 16));
}

function totalTextLength(model: PdfDocumentModel, sections: readonly { title: string; blocks: Block[] }[]): number {
  return sections.reduce((total, section) => total + section.title.length + textLength(section.blocks), model.title.length);
}

/**
 * Renders a document model to PDF bytes: title page, table of contents with page numbers,
 * sections with outline entries, running header and footer with a QR code on every page.
 * Everything is laid out and paginated before the first page is drawn, so page numbers are
 * exact in one pass. The same model gives the same bytes: dates and file identifier come from
 * the model, and pdfkit adds nothing random.
 */
export async function renderPdf(model: PdfDocumentModel): Promise<Buffer<ArrayBuffer>> {
  const sections = model.sections.map((section) => ({ title: normalizeText(section.title), blocks: bodyBlocks(section.body) }));
  if (totalTextLength(model, sections) > MAX_PDF_TEXT_CHARS) {
    throw new AppError("UNPROCESSABLE", "pdfTooLarge", { limitChars: MAX_PDF_TEXT_CHARS });
  }
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: [PAGE_WIDTH, PAGE_HEIGHT],
    margin: 0,
    compress: true,
    lang: model.language,
    displayTitle: true,
    info: {
      Title: normalizeText(model.info.title),
      Subject: normalizeText(model.info.subject),
      Creator: normalizeText(model.info.creator),
      CreationDate: model.info.date,
      ModDate: model.info.date,
    },
  });
  // pdfkit derives the identifier from the info dictionary; ours comes from the model's identity alone.
  if (!("_id" in doc)) throw new Error("pdfkit no longer keeps the file identifier in _id: check how it writes the trailer's /ID");
  Object.assign(doc, { _id: fileIdentifier(model.info.fileIdentity) });
  const fonts = fontFiles();
  for (const face of FONT_FACES) doc.registerFont(face, fonts[face]);

  const bytes = new Promise<Buffer<ArrayBuffer>>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const ts = new Typesetter(doc);
  const anchors = new AnchorSink();
  const body = sections.flatMap((section) => sectionBoxes(ts, section.title, section.blocks, anchors));
  if (body.length > 0) body[0] = { ...body[0], pageBreakBefore: true };
  const boxes = [...titlePageBoxes(ts, model), ...(model.contentsTitle ? tocBoxes(ts, normalizeText(model.contentsTitle), anchors.anchors) : []), ...body];
  const { placements, pageCount } = paginate(boxes, BODY_HEIGHT);

  const anchorPages = new Map<string, number>();
  boxes.forEach((laid, index) => {
    if (laid.anchor) anchorPages.set(laid.anchor.id, placements[index].page + 1);
  });
  const painter: Painter = {
    ts,
    pageOf: (id) => {
      const page = anchorPages.get(id);
      if (page === undefined) throw new Error(`no box carries anchor ${id}`);
      return page;
    },
  };
  const qr = model.running.qrCode ? qrMatrix(model.running.qrCode) : null;
  const outline: { level: number; item: PDFKit.PDFOutline }[] = [];

  let index = 0;
  for (let page = 0; page < pageCount; page += 1) {
    doc.addPage({ size: [PAGE_WIDTH, PAGE_HEIGHT], margin: 0 });
    for (; index < boxes.length && placements[index].page === page; index += 1) {
      const laid = boxes[index];
      const top = BODY_TOP + placements[index].y;
      if (laid.anchor) {
        doc.addNamedDestination(laid.anchor.id, "XYZ", 0, top, null);
        while (outline.length > 0 && outline[outline.length - 1].level >= laid.anchor.level) outline.pop();
        const parent = outline.length > 0 ? outline[outline.length - 1].item : doc.outline;
        // `left: PAGE_WIDTH` is pdfkit's way of saying the left edge (./pdfkit-outline.d.ts).
        outline.push({ level: laid.anchor.level, item: parent.addItem(laid.anchor.title, { top, left: PAGE_WIDTH }) });
      }
      laid.draw(painter, MARGIN_X, top, placements[index].spaceAbove);
    }
    drawRunningText(ts, model, page + 1, pageCount, qr);
  }
  doc.end();
  return bytes;
}
