/**
 * Breaks styled text into lines of a given width: greedy, at spaces (Vietnamese syllables and
 * English words are both separated by spaces), never inside a word unless the word alone is
 * wider than the line (a URL, a hash), which is then cut between characters. Pure: the widths
 * come from the `measure` function the caller gives, so the same input always gives the same
 * lines.
 */

export interface StyledText<Style> {
  /** "\n" alone is a hard break. */
  text: string;
  style: Style;
}

export interface LineFragment<Style> {
  text: string;
  style: Style;
  /** Offset from the line's start, in points. */
  x: number;
  width: number;
}

export interface Line<Style> {
  fragments: LineFragment<Style>[];
  width: number;
}

export interface BreakOptions<Style> {
  width: number;
  measure: (text: string, style: Style) => number;
  /** Two styles draw alike, so their text can be one fragment. */
  sameStyle: (a: Style, b: Style) => boolean;
  /** Code: keep every space and indentation instead of collapsing runs of white space. */
  preserveSpaces?: boolean;
}

/** Half a hundredth of a point: rounding in widths must not push a word that fits onto the next line. */
const WIDTH_TOLERANCE = 0.005;

const TAB_AS_SPACES = "    ";

interface Piece<Style> {
  text: string;
  style: Style;
  width: number;
}

type Token<Style> = { kind: "word"; pieces: Piece<Style>[] } | { kind: "space"; piece: Piece<Style> } | { kind: "break" };

function tokens<Style>(runs: readonly StyledText<Style>[], options: BreakOptions<Style>): Token<Style>[] {
  const out: Token<Style>[] = [];
  for (const run of runs) {
    if (run.text === "\n") {
      out.push({ kind: "break" });
      continue;
    }
    const lines = run.text.replace(/\r\n?/g, "\n").split("\n");
    lines.forEach((line, lineIndex) => {
      if (lineIndex > 0) out.push({ kind: "break" });
      for (const part of line.split(/([ \t\u2028\u2029\f\v]+)/u)) {
        if (part.length === 0) continue;
        if (/^[ \t\u2028\u2029\f\v]+$/u.test(part)) {
          const text = options.preserveSpaces ? part.replaceAll("\t", TAB_AS_SPACES) : " ";
          const previous = out.at(-1);
          // Collapsed white space spanning two runs is still one space.
          if (!options.preserveSpaces && previous?.kind === "space") continue;
          out.push({ kind: "space", piece: { text, style: run.style, width: options.measure(text, run.style) } });
          continue;
        }
        const piece = { text: part, style: run.style, width: options.measure(part, run.style) };
        const previous = out.at(-1);
        // Runs that meet without a space (a bold syllable inside a word) stay one word.
        if (previous?.kind === "word") previous.pieces.push(piece);
        else out.push({ kind: "word", pieces: [piece] });
      }
    });
  }
  return out;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** A word wider than the line, cut between characters into chunks that fit (at least one character each). */
function splitWord<Style>(pieces: Piece<Style>[], width: number, options: BreakOptions<Style>): Piece<Style>[][] {
  const chunks: Piece<Style>[][] = [];
  let current: Piece<Style>[] = [];
  let currentWidth = 0;
  for (const piece of pieces) {
    for (const { segment } of graphemes.segment(piece.text)) {
      const characterWidth = options.measure(segment, piece.style);
      if (current.length > 0 && currentWidth + characterWidth > width + WIDTH_TOLERANCE) {
        chunks.push(current);
        current = [];
        currentWidth = 0;
      }
      current.push({ text: segment, style: piece.style, width: characterWidth });
      currentWidth += characterWidth;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function sumWidths<Style>(pieces: readonly Piece<Style>[]): number {
  return pieces.reduce((total, piece) => total + piece.width, 0);
}

/** Joins neighbouring pieces of one style, then measures each fragment whole (kerning between its letters counts). */
function toLine<Style>(pieces: readonly Piece<Style>[], options: BreakOptions<Style>): Line<Style> {
  const merged: { text: string; style: Style }[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (last && options.sameStyle(last.style, piece.style)) last.text += piece.text;
    else merged.push({ text: piece.text, style: piece.style });
  }
  let x = 0;
  const fragments = merged.map((fragment) => {
    const width = options.measure(fragment.text, fragment.style);
    const placed = { ...fragment, x, width };
    x += width;
    return placed;
  });
  return { fragments, width: x };
}

export function breakLines<Style>(runs: readonly StyledText<Style>[], options: BreakOptions<Style>): Line<Style>[] {
  const lines: Line<Style>[] = [];
  let current: Piece<Style>[] = [];
  let currentWidth = 0;
  let pendingSpace: Piece<Style> | null = null;
  /** At the start of a hard line code keeps its indentation; after a wrap nobody does. */
  let atHardLineStart = true;

  const finishLine = () => {
    lines.push(toLine(current, options));
    current = [];
    currentWidth = 0;
    pendingSpace = null;
  };

  for (const token of tokens(runs, options)) {
    if (token.kind === "break") {
      finishLine();
      atHardLineStart = true;
      continue;
    }
    if (token.kind === "space") {
      if (current.length > 0 || (options.preserveSpaces && atHardLineStart)) {
        pendingSpace = pendingSpace && options.preserveSpaces ? { ...token.piece, text: pendingSpace.text + token.piece.text, width: pendingSpace.width + token.piece.width } : token.piece;
      }
      continue;
    }
    const wordWidth = sumWidths(token.pieces);
    const spaceWidth = pendingSpace?.width ?? 0;
    if (currentWidth + spaceWidth + wordWidth <= options.width + WIDTH_TOLERANCE) {
      if (pendingSpace) current.push(pendingSpace);
      current.push(...token.pieces);
      currentWidth += spaceWidth + wordWidth;
      pendingSpace = null;
      atHardLineStart = false;
      continue;
    }
    if (current.length > 0) finishLine();
    pendingSpace = null;
    atHardLineStart = false;
    if (wordWidth <= options.width + WIDTH_TOLERANCE) {
      current.push(...token.pieces);
      currentWidth = wordWidth;
      continue;
    }
    const chunks = splitWord(token.pieces, options.width, options);
    chunks.forEach((chunk, index) => {
      current.push(...chunk);
      currentWidth = sumWidths(chunk);
      if (index < chunks.length - 1) finishLine();
    });
  }
  // A break at the very end draws no empty line after it, as in a browser.
  if (current.length > 0 || lines.length === 0) finishLine();
  return lines;
}
