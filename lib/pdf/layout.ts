import { listMarker, plainRuns, PLAIN_STYLE, type Block, type InlineRun, type TableCell } from "./blocks";
import type { Line } from "./line-breaking";
import type { Anchor, Box } from "./paginate";
import { COLORS, Typesetter, type DrawStyle, type Typography } from "./typesetter";

/**
 * Blocks to boxes: every paragraph line, heading, rule, code line and table row slice becomes
 * one unbreakable box of known height (see ./paginate.ts). Containers (lists, quotes, cells)
 * lay their children out in a narrower column and shift them, drawing their own decoration
 * (bullet, bar, grid) beside each child box, so that a quote or a list can break between any
 * two lines and still look whole on both pages.
 */

/** What drawing needs besides the pdfkit document: the page each anchor landed on. */
export interface Painter {
  ts: Typesetter;
  /** 1-based page number of an anchor's box; known before drawing, from pagination. */
  pageOf(anchorId: string): number;
}

export interface LaidBox extends Box<Painter> {
  /** Offset of the first baseline from the box's top, where a list marker lines up. */
  baseline: number | null;
}

export const BODY: Typography = { size: 10.5, lineHeight: 15.75, color: COLORS.text, bold: false, italic: false };
const CODE: Typography = { size: 9, lineHeight: 13.5, color: COLORS.text, bold: false, italic: false };
export const SECTION_TITLE: Typography = { size: 17, lineHeight: 23, color: COLORS.heading, bold: true, italic: false };
const HEADINGS: Record<number, Typography> = {
  3: { size: 13.5, lineHeight: 19, color: COLORS.heading, bold: true, italic: false },
  4: { size: 12, lineHeight: 17, color: COLORS.heading, bold: true, italic: false },
  5: { size: 10.5, lineHeight: 15.75, color: COLORS.heading, bold: true, italic: false },
  6: { size: 10.5, lineHeight: 15.75, color: COLORS.heading, bold: true, italic: true },
};

const PARAGRAPH_GAP = 6;
const HEADING_GAP = 14;
export const SECTION_GAP = 26;
const LIST_ITEM_GAP = 3;
const LIST_INDENT = 20;
const QUOTE_INDENT = 16;
const QUOTE_BAR_WIDTH = 2.5;
const CODE_PADDING = 7;
const RULE_HEIGHT = 14;
const CELL_PADDING = 4;
const GRID_LINE_WIDTH = 0.6;

/** Headings inside a section start at level 3 (lib/editor/extensions.ts HANDBOOK_HEADING_LEVELS); 1 and 2 read as 3. */
function headingTypography(level: number): Typography {
  return HEADINGS[Math.min(6, Math.max(3, level))];
}

export interface LayoutContext {
  typography: Typography;
  /** Nesting depth of lists, for the bullet's shape. */
  listDepth: number;
  /** Top-level headings become anchors (outline entries); headings in lists, quotes and cells do not. */
  anchors: AnchorSink | null;
  /** A page's body height: no box may be taller (long table rows are sliced to fit). */
  maxBoxHeight: number;
}

/** Hands out anchors in reading order. */
export class AnchorSink {
  readonly anchors: Anchor[] = [];
  add(title: string, level: number): Anchor {
    const anchor = { id: `a${this.anchors.length + 1}`, title, level };
    this.anchors.push(anchor);
    return anchor;
  }
}

export function box(partial: Partial<LaidBox> & Pick<LaidBox, "height" | "draw">): LaidBox {
  return { spaceBefore: 0, keepWithNext: false, pageBreakBefore: false, anchor: null, baseline: null, ...partial };
}

/** The same box drawn `dx` to the right, with a decoration drawn first at the container's own x. */
function shifted(inner: LaidBox, dx: number, decorate?: (painter: Painter, x: number, y: number, spaceAbove: number) => void): LaidBox {
  return {
    ...inner,
    draw(painter, x, y, spaceAbove) {
      decorate?.(painter, x, y, spaceAbove);
      inner.draw(painter, x + dx, y, spaceAbove);
    },
  };
}

export function lineBoxes(lines: Line<DrawStyle>[], typography: Typography, ts: Typesetter): LaidBox[] {
  return lines.map((line, index) =>
    box({
      height: typography.lineHeight,
      // A paragraph leaves neither its first line alone at a page's foot nor its last alone at the next page's head.
      keepWithNext: index === 0 || index === lines.length - 2,
      baseline: ts.baseline(typography),
      draw: (painter, x, y) => painter.ts.drawLine(line, x, y, typography),
    }),
  );
}

/** A block of lines that must stay together (a heading), as one box. */
export function solidBox(lines: Line<DrawStyle>[], typography: Typography, ts: Typesetter, partial: Partial<LaidBox>): LaidBox {
  return box({
    height: lines.length * typography.lineHeight,
    baseline: ts.baseline(typography),
    draw: (painter, x, y) => lines.forEach((line, index) => painter.ts.drawLine(line, x, y + index * typography.lineHeight, typography)),
    ...partial,
  });
}

export function withSpaceBefore(boxes: LaidBox[], space: number): LaidBox[] {
  if (boxes.length > 0) boxes[0] = { ...boxes[0], spaceBefore: space };
  return boxes;
}

function runsText(runs: readonly InlineRun[]): string {
  return runs.map((run) => run.text).join("").replace(/\s+/g, " ").trim();
}

function headingBoxes(ts: Typesetter, runs: InlineRun[], level: number, width: number, context: LayoutContext): LaidBox[] {
  const typography = headingTypography(level);
  const anchor = context.anchors?.add(runsText(runs), Math.min(6, Math.max(3, level)) - 1) ?? null;
  return [solidBox(ts.lines(runs, width, typography), typography, ts, { spaceBefore: HEADING_GAP, keepWithNext: true, anchor })];
}

function listBoxes(ts: Typesetter, block: Extract<Block, { kind: "list" }>, width: number, context: LayoutContext): LaidBox[] {
  const inner: LayoutContext = { ...context, listDepth: context.listDepth + 1, anchors: null };
  const out: LaidBox[] = [];
  block.items.forEach((item, index) => {
    let boxes = layoutBlocks(ts, item, width - LIST_INDENT, inner);
    if (boxes.length === 0) boxes = lineBoxes(ts.lines([], width - LIST_INDENT, context.typography), context.typography, ts);
    const marker = block.ordered ? listMarker(block.start + index, block.numbering) : null;
    const first = boxes[0];
    const baseline = first.baseline ?? ts.baseline(context.typography);
    boxes = boxes.map((child, childIndex) =>
      shifted(child, LIST_INDENT, childIndex === 0 ? (painter, x, y) => drawMarker(painter, marker, context, x + LIST_INDENT, y + baseline) : undefined),
    );
    out.push(...withSpaceBefore(boxes, index === 0 ? PARAGRAPH_GAP : LIST_ITEM_GAP));
  });
  return out;
}

/** Bullets are vector shapes (filled disc, ring, square by depth); numbers are text, right-aligned before the item. */
function drawMarker(painter: Painter, marker: string | null, context: LayoutContext, textX: number, baseline: number): void {
  const { doc } = painter.ts;
  const typography = context.typography;
  if (marker !== null) {
    const style = painter.ts.drawStyle(PLAIN_STYLE, { ...typography, bold: false, italic: false });
    painter.ts.drawText(marker, textX - 5 - painter.ts.measure(marker, style), baseline, style);
    return;
  }
  const centerX = textX - 10;
  const centerY = baseline - typography.size * 0.32;
  const radius = typography.size * 0.17;
  const shape = context.listDepth % 3;
  doc.save();
  if (shape === 0) doc.circle(centerX, centerY, radius).fill(typography.color);
  else if (shape === 1) doc.circle(centerX, centerY, radius).lineWidth(0.7).stroke(typography.color);
  else doc.rect(centerX - radius, centerY - radius, radius * 2, radius * 2).fill(typography.color);
  doc.restore();
}

function quoteBoxes(ts: Typesetter, blocks: Block[], width: number, context: LayoutContext): LaidBox[] {
  const inner: LayoutContext = { ...context, typography: { ...context.typography, color: COLORS.muted }, anchors: null };
  const boxes = layoutBlocks(ts, blocks, width - QUOTE_INDENT, inner);
  return withSpaceBefore(
    boxes.map((child, index) =>
      shifted(child, QUOTE_INDENT, (painter, x, y, spaceAbove) => {
        // The bar bridges the gap to the quote's previous box on the same page.
        const top = index > 0 ? y - spaceAbove : y;
        painter.ts.doc.rect(x + 2, top, QUOTE_BAR_WIDTH, y + child.height - top).fill(COLORS.rule);
      }),
    ),
    PARAGRAPH_GAP,
  );
}

function codeBoxes(ts: Typesetter, text: string, width: number): LaidBox[] {
  const plain = plainRuns(text);
  const lines = ts.lines(plain.length > 0 ? plain : [], width - 2 * CODE_PADDING, CODE, { preserveSpaces: true });
  return lines.map((line, index) => {
    const top = index === 0 ? CODE_PADDING : 0;
    const bottom = index === lines.length - 1 ? CODE_PADDING : 0;
    const height = top + CODE.lineHeight + bottom;
    return box({
      height,
      spaceBefore: index === 0 ? PARAGRAPH_GAP : 0,
      keepWithNext: index === 0 || index === lines.length - 2,
      baseline: top + ts.baseline(CODE),
      draw: (painter, x, y) => {
        painter.ts.doc.rect(x, y, width, height).fill(COLORS.tint);
        painter.ts.drawLine(line, x + CODE_PADDING, y + top, CODE);
      },
    });
  });
}

function ruleBox(width: number): LaidBox {
  return box({
    height: RULE_HEIGHT,
    spaceBefore: PARAGRAPH_GAP,
    draw: (painter, x, y) => {
      painter.ts.line(x, y + RULE_HEIGHT / 2, width, 0.8, COLORS.rule);
    },
  });
}

function stackHeight(boxes: readonly LaidBox[]): number {
  return boxes.reduce((total, child, index) => total + (index === 0 ? 0 : child.spaceBefore) + child.height, 0);
}

interface PlacedCell {
  x: number;
  width: number;
  header: boolean;
  boxes: LaidBox[];
}

/**
 * A table as a simple grid: equal columns (a cell spanning n columns is n wide), header cells
 * bold on a tint. Each row is one box, or several slices when it is taller than a page's body,
 * each slice taking the next lines of every cell.
 */
function tableBoxes(ts: Typesetter, rows: TableCell[][], width: number, context: LayoutContext): LaidBox[] {
  const columns = Math.max(1, ...rows.map((row) => row.reduce((total, cell) => total + cell.colspan, 0)));
  const columnWidth = width / columns;
  const out: LaidBox[] = [];
  rows.forEach((row) => {
    let column = 0;
    const cells: PlacedCell[] = row.map((cell) => {
      const span = Math.min(cell.colspan, columns - column);
      const placed = {
        x: column * columnWidth,
        width: span * columnWidth,
        header: cell.header,
        boxes: layoutBlocks(ts, cell.blocks, span * columnWidth - 2 * CELL_PADDING, {
          typography: cell.header ? { ...context.typography, bold: true } : context.typography,
          listDepth: 0,
          anchors: null,
          maxBoxHeight: context.maxBoxHeight,
        }),
      };
      column += span;
      return placed;
    });
    const slices = sliceRow(cells, context.maxBoxHeight - 2 * CELL_PADDING);
    const isHeaderRow = cells.length > 0 && cells.every((cell) => cell.header);
    slices.forEach((slice) => {
      const height = Math.max(...slice.map((boxes) => stackHeight(boxes)), context.typography.lineHeight) + 2 * CELL_PADDING;
      out.push(
        box({
          height,
          keepWithNext: isHeaderRow,
          draw: (painter, x, y) => {
            const { doc } = painter.ts;
            cells.forEach((cell, index) => {
              if (cell.header) doc.rect(x + cell.x, y, cell.width, height).fill(COLORS.tint);
              doc.save().rect(x + cell.x, y, cell.width, height).lineWidth(GRID_LINE_WIDTH).strokeColor(COLORS.rule).stroke().restore();
              let cursor = y + CELL_PADDING;
              slice[index].forEach((child, childIndex) => {
                const space = childIndex === 0 ? 0 : child.spaceBefore;
                cursor += space;
                child.draw(painter, x + cell.x + CELL_PADDING, cursor, space);
                cursor += child.height;
              });
            });
          },
        }),
      );
    });
  });
  return withSpaceBefore(out, PARAGRAPH_GAP + 2);
}

/** Splits a row's cells into slices no taller than `maxContent`; every slice takes at least one box of each unfinished cell. */
function sliceRow(cells: PlacedCell[], maxContent: number): LaidBox[][][] {
  const next = cells.map(() => 0);
  const slices: LaidBox[][][] = [];
  do {
    slices.push(
      cells.map((cell, index) => {
        const taken: LaidBox[] = [];
        let height = 0;
        while (next[index] < cell.boxes.length) {
          const child = cell.boxes[next[index]];
          const add = (taken.length === 0 ? 0 : child.spaceBefore) + child.height;
          if (taken.length > 0 && height + add > maxContent) break;
          taken.push(child);
          height += add;
          next[index] += 1;
        }
        return taken;
      }),
    );
  } while (cells.some((cell, index) => next[index] < cell.boxes.length));
  return slices;
}

export function layoutBlocks(ts: Typesetter, blocks: readonly Block[], width: number, context: LayoutContext): LaidBox[] {
  const out: LaidBox[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case "paragraph":
        out.push(...withSpaceBefore(lineBoxes(ts.lines(block.runs, width, context.typography), context.typography, ts), PARAGRAPH_GAP));
        break;
      case "heading":
        out.push(...headingBoxes(ts, block.runs, block.level, width, context));
        break;
      case "list":
        out.push(...listBoxes(ts, block, width, context));
        break;
      case "quote":
        out.push(...quoteBoxes(ts, block.blocks, width, context));
        break;
      case "code":
        out.push(...codeBoxes(ts, block.text, width));
        break;
      case "rule":
        out.push(ruleBox(width));
        break;
      case "table":
        out.push(...tableBoxes(ts, block.rows, width, context));
        break;
    }
  }
  return out;
}
