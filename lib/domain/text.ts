/**
 * Word tokens for Vietnamese (and any other) text. After NFC normalization a Vietnamese
 * syllable is a run of letters and combining marks, so a token never splits one:
 * decomposed input (NFD) tokenizes exactly like precomposed input.
 *
 * A token is a maximal run of word characters (letters, marks, digits), a maximal run of
 * whitespace, or one other character: TOKEN_PATTERN says it, and the scanner below does the
 * same without a regular expression per token. A diff tokenizes and counts words in every
 * changed block, and matching the pattern, then testing each token with another pattern, was
 * most of a large comparison's time; the scanner looks each character's class up in a table
 * filled from the same patterns as characters are first seen.
 */
export const TOKEN_PATTERN = /[\p{L}\p{M}\p{N}]+|\s+|[^\p{L}\p{M}\p{N}\s]/gu;

/** What makes a token a word: a letter or a digit (a run of combining marks alone is not one). */
const WORD_CHARACTER_PATTERN = /[\p{L}\p{N}]/u;
const MARK_PATTERN = /\p{M}/u;
const WHITESPACE_PATTERN = /\s/u;

/** Character classes, as stored in CLASS_OF_UNIT (0 means not looked up yet). */
const LETTER_OR_DIGIT = 1;
const MARK = 2;
const WHITESPACE = 3;
const OTHER = 4;
type CharacterClass = typeof LETTER_OR_DIGIT | typeof MARK | typeof WHITESPACE | typeof OTHER;

/** The class of every UTF-16 code unit seen so far, outside surrogate pairs (64 KiB once). */
const CLASS_OF_UNIT = new Uint8Array(0x10000);

function classOfCharacter(character: string): CharacterClass {
  if (WORD_CHARACTER_PATTERN.test(character)) return LETTER_OR_DIGIT;
  if (MARK_PATTERN.test(character)) return MARK;
  if (WHITESPACE_PATTERN.test(character)) return WHITESPACE;
  return OTHER;
}

function classOfUnit(code: number): CharacterClass {
  const known = CLASS_OF_UNIT[code];
  if (known !== 0) return known as CharacterClass;
  const found = classOfCharacter(String.fromCharCode(code));
  CLASS_OF_UNIT[code] = found;
  return found;
}

/** Code points above the BMP are rare enough in handbook text to be classified each time. */
function classOfAstral(text: string, position: number): CharacterClass {
  return classOfCharacter(text.slice(position, position + 2));
}

/** Whether a surrogate pair starts at `position` (a lone surrogate is one character, as in /u patterns). */
function isSurrogatePair(text: string, position: number): boolean {
  const code = text.charCodeAt(position);
  if (code < 0xd800 || code > 0xdbff || position + 1 >= text.length) return false;
  const next = text.charCodeAt(position + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}

export function normalizeText(text: string): string {
  return text.normalize("NFC");
}

/** Words, runs of whitespace and single punctuation marks; joining them gives the NFC text back. */
export function tokenize(text: string): string[] {
  return tokenizeNormalized(normalizeText(text));
}

/** tokenize() of a text already in NFC (a block's normalized text), without normalizing it again. */
export function tokenizeNormalized(text: string): string[] {
  const tokens: string[] = [];
  const length = text.length;
  let start = 0;
  let runIsWord = false;
  let runIsSpace = false;
  let position = 0;
  while (position < length) {
    const pair = isSurrogatePair(text, position);
    const found = pair ? classOfAstral(text, position) : classOfUnit(text.charCodeAt(position));
    const isWord = found === LETTER_OR_DIGIT || found === MARK;
    const isSpace = found === WHITESPACE;
    // A run goes on while the class stays word or stays whitespace; any other character stands alone.
    const continuesRun = position > start && ((isWord && runIsWord) || (isSpace && runIsSpace));
    if (!continuesRun && position > start) {
      tokens.push(text.slice(start, position));
      start = position;
    }
    runIsWord = isWord;
    runIsSpace = isSpace;
    position += pair ? 2 : 1;
  }
  if (length > start) tokens.push(text.slice(start, length));
  return tokens;
}

export function isWordToken(token: string): boolean {
  for (let position = 0; position < token.length; position++) {
    if (isSurrogatePair(token, position)) {
      if (classOfAstral(token, position) === LETTER_OR_DIGIT) return true;
      position++;
    } else if (classOfUnit(token.charCodeAt(position)) === LETTER_OR_DIGIT) {
      return true;
    }
  }
  return false;
}

export function countWords(text: string): number {
  return countWordsNormalized(normalizeText(text));
}

/**
 * countWords() of a text already in NFC: the runs of word characters that hold a letter or
 * a digit, counted in one pass without building the tokens.
 */
export function countWordsNormalized(text: string): number {
  let count = 0;
  let inRun = false;
  let runHasWord = false;
  const length = text.length;
  for (let position = 0; position < length; position++) {
    const pair = isSurrogatePair(text, position);
    const found = pair ? classOfAstral(text, position) : classOfUnit(text.charCodeAt(position));
    if (pair) position++;
    if (found === LETTER_OR_DIGIT || found === MARK) {
      if (!inRun) {
        inRun = true;
        runHasWord = false;
      }
      if (found === LETTER_OR_DIGIT && !runHasWord) {
        runHasWord = true;
        count++;
      }
    } else {
      inRun = false;
    }
  }
  return count;
}

/**
 * The character class tokenize() gives the character at `position` (a whole surrogate pair
 * when one starts there): "word", "space" or "other".
 */
export function characterClassAt(text: string, position: number): "word" | "space" | "other" {
  const found = isSurrogatePair(text, position) ? classOfAstral(text, position) : classOfUnit(text.charCodeAt(position));
  if (found === LETTER_OR_DIGIT || found === MARK) return "word";
  return found === WHITESPACE ? "space" : "other";
}

/** The distinct words of an NFC text, lower-cased: what block matching compares. */
export function wordSet(text: string): Set<string> {
  const words = new Set<string>();
  for (const token of tokenizeNormalized(text)) if (isWordToken(token)) words.add(token.toLowerCase());
  return words;
}

const COMBINING_MARKS = /\p{M}/gu;

/** Folds Vietnamese diacritics and case for search: "Chính phủ số" -> "chinh phu so". */
export function foldDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .normalize("NFC");
}
