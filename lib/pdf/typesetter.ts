import { faceOf, type FontFace } from "./fonts";
import type { InlineRun, TextStyle } from "./blocks";
import { breakLines, type Line } from "./line-breaking";

/** Colours of the reader's pages (lib/domain/history/export-formats.ts), for print. */
export const COLORS = {
  text: "#1a2233",
  heading: "#072a66",
  muted: "#4f5b6e",
  link: "#0b3d91",
  rule: "#d5dbe5",
  tint: "#f4f6f9",
} as const;

/** How a block sets its text: size and leading in points, colour, and weight and slant for all of it. */
export interface Typography {
  size: number;
  lineHeight: number;
  color: string;
  bold: boolean;
  italic: boolean;
}

/** One fragment's look: what the line breaker keeps together and the painter draws. */
export interface DrawStyle {
  face: FontFace;
  size: number;
  color: string;
  underline: boolean;
  strike: boolean;
  code: boolean;
  link: string | null;
}

/** Be Vietnam Pro's ascent and descent per em (hhea): where the baseline sits inside a line. */
const FONT_ASCENT = 1.0;
const FONT_DESCENT = 0.265;

/** Inline code is set a little smaller so that its tinted box does not crowd the line. */
const INLINE_CODE_SCALE = 0.9;

function sameStyle(a: DrawStyle, b: DrawStyle): boolean {
  return a.face === b.face && a.size === b.size && a.color === b.color && a.underline === b.underline && a.strike === b.strike && a.code === b.code && a.link === b.link;
}

/**
 * Measures and draws text on one pdfkit document. Widths are cached per font, size and string:
 * a handbook repeats its words, and fontkit's shaping is the slowest step of the layout.
 */
export class Typesetter {
  private readonly widths = new Map<string, number>();

  constructor(readonly doc: PDFKit.PDFDocument) {}

  readonly measure = (text: string, style: DrawStyle): number => {
    const key = `${style.face}\u0000${style.size}\u0000${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = this.doc.font(style.face).fontSize(style.size).widthOfString(text);
      this.widths.set(key, width);
    }
    return width;
  };

  drawStyle(style: TextStyle, typography: Typography): DrawStyle {
    return {
      face: faceOf({ bold: typography.bold || style.bold, italic: typography.italic || style.italic }),
      size: style.code ? typography.size * INLINE_CODE_SCALE : typography.size,
      color: style.link ? COLORS.link : typography.color,
      underline: style.underline || style.link !== null,
      strike: style.strike,
      code: style.code,
      link: style.link,
    };
  }

  lines(runs: readonly InlineRun[], width: number, typography: Typography, options: { preserveSpaces?: boolean } = {}): Line<DrawStyle>[] {
    return breakLines(
      runs.map((run) => ({ text: run.text, style: this.drawStyle(run.style, typography) })),
      { width, measure: this.measure, sameStyle, preserveSpaces: options.preserveSpaces },
    );
  }

  /** Offset of the baseline from the top of a line of this typography. */
  baseline(typography: Pick<Typography, "size" | "lineHeight">): number {
    return (typography.lineHeight - (FONT_ASCENT + FONT_DESCENT) * typography.size) / 2 + FONT_ASCENT * typography.size;
  }

  drawLine(line: Line<DrawStyle>, x: number, top: number, typography: Typography): void {
    const doc = this.doc;
    const baseline = top + this.baseline(typography);
    for (const fragment of line.fragments) {
      const left = x + fragment.x;
      const { style } = fragment;
      if (style.code) {
        doc.rect(left - 1, baseline - style.size * FONT_ASCENT, fragment.width + 2, style.size * (FONT_ASCENT + FONT_DESCENT)).fill(COLORS.tint);
      }
      this.drawText(fragment.text, left, baseline, style);
      const thickness = Math.max(0.5, style.size * 0.06);
      if (style.underline) this.line(left, baseline + style.size * 0.14, fragment.width, thickness, style.color);
      if (style.strike) this.line(left, baseline - style.size * 0.3, fragment.width, thickness, style.color);
      if (style.link) doc.link(left, top, fragment.width, typography.lineHeight, style.link);
    }
  }

  /** One string on one baseline, no wrapping: the only way this renderer puts text on a page. */
  drawText(text: string, x: number, baseline: number, style: DrawStyle): void {
    this.doc.font(style.face).fontSize(style.size).fillColor(style.color).text(text, x, baseline, { lineBreak: false, baseline: "alphabetic" });
  }

  /** A horizontal line: underlines, strike-throughs and the page's rules. */
  line(x: number, y: number, width: number, thickness: number, color: string): void {
    this.doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(thickness).strokeColor(color).stroke().restore();
  }

  /** The text cut to one line of the width, with an ellipsis when it had to be cut. */
  fitOneLine(text: string, width: number, style: DrawStyle): string {
    if (this.measure(text, style) <= width) return text;
    const characters = Array.from(text);
    while (characters.length > 0 && this.measure(`${characters.join("").trimEnd()}…`, style) > width) characters.pop();
    return `${characters.join("").trimEnd()}…`;
  }
}
