import { foldDiacritics, normalizeText } from "../text";

/**
 * Diacritics-insensitive search over plain text: "chinh phu so" finds "Chính phủ số".
 * Text is folded one character at a time so that every position of the folded text maps
 * back to the original, and snippets and highlights cut the original text, accents intact.
 */

/** Longest query accepted; a search box query is a few words, and the cost grows with it. */
export const MAX_QUERY_CHARS = 200;

/** Most words a query may have; more would describe a passage, not look for one. */
export const MAX_QUERY_TERMS = 12;

/** Characters of context either side of the first match in a snippet: about a line on a phone. */
export const SNIPPET_CONTEXT_CHARS = 80;

export interface FoldedText {
  /** The original text, NFC. */
  text: string;
  /** Lower case, no diacritics, đ as d. */
  folded: string;
  /** For each UTF-16 index of `folded` (and one past the end), the index in `text` it came from. */
  origin: Uint32Array;
  /** The words of `folded` with their start index in it. */
  words: { word: string; start: number }[];
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Distinct characters whose folding is remembered. Vietnamese text uses a few hundred, so
 * this keeps every one of them while bounding what unusual input can add.
 */
const FOLDED_CHARACTERS_KEPT = 4_096;
const foldedCharacters = new Map<string, string>();

function foldCharacter(character: string): string {
  const known = foldedCharacters.get(character);
  if (known !== undefined) return known;
  const folded = foldDiacritics(character);
  if (foldedCharacters.size < FOLDED_CHARACTERS_KEPT) foldedCharacters.set(character, folded);
  return folded;
}

export function foldText(input: string): FoldedText {
  const text = normalizeText(input);
  let folded = "";
  const origins: number[] = [];
  let index = 0;
  for (const character of text) {
    const piece = foldCharacter(character);
    for (let unit = 0; unit < piece.length; unit += 1) origins.push(index);
    folded += piece;
    index += character.length;
  }
  origins.push(text.length);
  const words = [...folded.matchAll(WORD)].map((match) => ({ word: match[0], start: match.index }));
  return { text, folded, origin: Uint32Array.from(origins), words };
}

export interface SearchQuery {
  /** The folded words, in query order, without repeats. */
  terms: string[];
  /** The folded words joined by single spaces. */
  phrase: string;
}

/** The words of a query, folded; null when it has none (only punctuation or spaces). */
export function parseQuery(raw: string): SearchQuery | null {
  const folded = foldDiacritics(normalizeText(raw).slice(0, MAX_QUERY_CHARS));
  const terms = [...new Set(folded.match(WORD) ?? [])].slice(0, MAX_QUERY_TERMS);
  if (terms.length === 0) return null;
  return { terms, phrase: terms.join(" ") };
}

export interface TextMatch {
  /** 2: the words as a phrase; 1: every word, anywhere in the text. */
  score: 1 | 2;
  /** Ranges in the original text of the matched words (the phrase as one range). */
  ranges: { start: number; end: number }[];
}

/**
 * Matches when every query word starts a word of the text ("chuyen" finds "chuyển" and
 * "chuyển đổi", "so" finds "số" and "sống" but not "cơ sở" inside a word). Punctuation and
 * runs of spaces between the words of the text do not break a phrase.
 */
export function matchText(target: FoldedText, query: SearchQuery): TextMatch | null {
  // Cheap rejection first: most blocks do not contain every term at all.
  if (!query.terms.every((term) => target.folded.includes(term))) return null;
  const { words } = target;
  const phraseStart = findPhrase(words, query.terms);
  if (phraseStart !== null) {
    const last = words[phraseStart + query.terms.length - 1];
    const lastTerm = query.terms[query.terms.length - 1];
    return { score: 2, ranges: [originalRange(target, words[phraseStart].start, last.start + lastTerm.length)] };
  }
  const ranges: { start: number; end: number }[] = [];
  for (const term of query.terms) {
    const word = words.find((candidate) => candidate.word.startsWith(term));
    if (!word) return null;
    ranges.push(originalRange(target, word.start, word.start + term.length));
  }
  ranges.sort((a, b) => a.start - b.start);
  return { score: 1, ranges };
}

/** The phrase: consecutive words, each starting with its term, the last one a prefix, the others whole words. */
function findPhrase(words: readonly { word: string }[], terms: readonly string[]): number | null {
  outer: for (let start = 0; start + terms.length <= words.length; start += 1) {
    for (let offset = 0; offset < terms.length; offset += 1) {
      const word = words[start + offset].word;
      const term = terms[offset];
      const isLast = offset === terms.length - 1;
      if (isLast ? !word.startsWith(term) : word !== term) continue outer;
    }
    return start;
  }
  return null;
}

function originalRange(target: FoldedText, foldedStart: number, foldedEnd: number): { start: number; end: number } {
  const start = target.origin[foldedStart];
  // The end maps through the last folded unit of the match, then past its whole original character.
  const lastOrigin = target.origin[Math.max(foldedStart, foldedEnd - 1)];
  const codePoint = target.text.codePointAt(lastOrigin) ?? 0;
  return { start, end: lastOrigin + (codePoint > 0xffff ? 2 : 1) };
}

export interface Snippet {
  /** Pieces of the original text in order; `match` pieces are the matched words. */
  parts: { text: string; match: boolean }[];
  /** Whether text was cut before the first part or after the last. */
  truncatedStart: boolean;
  truncatedEnd: boolean;
}

/** A window of the text around the first match, cut at spaces, with the matches marked. */
export function buildSnippet(text: string, ranges: readonly { start: number; end: number }[], context = SNIPPET_CONTEXT_CHARS): Snippet {
  const first = ranges[0] ?? { start: 0, end: 0 };
  let from = Math.max(0, first.start - context);
  let to = Math.min(text.length, first.end + context);
  if (from > 0) {
    const space = text.indexOf(" ", from);
    if (space !== -1 && space < first.start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(" ", to);
    if (space > first.end) to = space;
  }
  const parts: Snippet["parts"] = [];
  let cursor = from;
  for (const range of ranges) {
    if (range.start < cursor || range.end > to) continue;
    if (range.start > cursor) parts.push({ text: text.slice(cursor, range.start), match: false });
    parts.push({ text: text.slice(range.start, range.end), match: true });
    cursor = range.end;
  }
  if (cursor < to) parts.push({ text: text.slice(cursor, to), match: false });
  return { parts: parts.map((part) => ({ ...part, text: part.text.replace(/\s+/g, " ") })), truncatedStart: from > 0, truncatedEnd: to < text.length };
}

/** The snippet as one line of plain text, with "…" where it was cut. */
export function snippetText(snippet: Snippet): string {
  return `${snippet.truncatedStart ? "…" : ""}${snippet.parts.map((part) => part.text).join("")}${snippet.truncatedEnd ? "…" : ""}`;
}

/** Where a search hit is read: the section page, scrolled to the block. */
export function searchHitPath(hit: { document: { slug: string }; section: { slug: string }; blockId: string | null }): string {
  return `/${hit.document.slug}/${hit.section.slug}${hit.blockId ? `#b-${hit.blockId}` : ""}`;
}
