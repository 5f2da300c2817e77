import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { concatBytes as nobleConcatBytes } from "@noble/hashes/utils.js";

/**
 * Byte helpers shared by the log formats. Every text format here is UTF-8 and every
 * binary encoding is strict: a value has exactly one accepted spelling, so two parties
 * that agree on a value agree on its bytes (and on every hash and signature over them).
 */

export const SHA256_SIZE = 32;

export function sha256(...parts: readonly Uint8Array[]): Uint8Array {
  return nobleSha256(concatBytes(...parts));
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  return nobleConcatBytes(...parts);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** UTF-8 bytes of a string; refuses lone surrogates, which have no UTF-8 encoding. */
export function utf8(text: string): Uint8Array {
  const bytes = encoder.encode(text);
  if (strictDecoder.decode(bytes) !== text) throw new FormatError("text is not well-formed Unicode");
  return bytes;
}

/** Decodes UTF-8, refusing invalid sequences instead of replacing them. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new FormatError("text is not valid UTF-8");
  }
}

/** Accepts the bytes of a text format or the text itself. */
export function textBytes(input: Uint8Array | string): Uint8Array {
  return typeof input === "string" ? utf8(input) : input;
}

/** A value that does not follow the format it claims to be in. */
export class FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FormatError";
  }
}

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 (RFC 4648 section 4) with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i];
    const b1 = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2] : 0;
    out += BASE64_ALPHABET[b0 >> 2];
    out += BASE64_ALPHABET[((b0 & 3) << 4) | (b1 >> 4)];
    out += i + 1 < bytes.length ? BASE64_ALPHABET[((b1 & 15) << 2) | (b2 >> 6)] : "=";
    out += i + 2 < bytes.length ? BASE64_ALPHABET[b2 & 63] : "=";
  }
  return out;
}

function base64Value(code: number): number {
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 71;
  if (code >= 48 && code <= 57) return code + 4;
  if (code === 43) return 62;
  if (code === 47) return 63;
  return -1;
}

/**
 * Decodes standard padded base64, refusing whitespace, the URL-safe alphabet, missing
 * padding and non-zero padding bits: the only accepted spelling is the one encodeBase64 writes.
 */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new FormatError("base64 length is not a multiple of 4");
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let outIndex = 0;
  for (let i = 0; i < text.length; i += 4) {
    const isLast = i + 4 === text.length;
    const values = [0, 0, 0, 0];
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      if (code === 61 && isLast && j >= 4 - padding) continue;
      const value = base64Value(code);
      if (value < 0) throw new FormatError("invalid base64 character");
      values[j] = value;
    }
    const triple = (values[0] << 18) | (values[1] << 12) | (values[2] << 6) | values[3];
    const bytesHere = isLast ? 3 - padding : 3;
    if (isLast && padding === 1 && (values[2] & 3) !== 0) throw new FormatError("non-canonical base64 padding bits");
    if (isLast && padding === 2 && (values[1] & 15) !== 0) throw new FormatError("non-canonical base64 padding bits");
    if (bytesHere >= 1) out[outIndex++] = (triple >> 16) & 255;
    if (bytesHere >= 2) out[outIndex++] = (triple >> 8) & 255;
    if (bytesHere >= 3) out[outIndex++] = triple & 255;
  }
  return out;
}

/** Decodes base64 that must hold exactly `length` bytes (a hash, a key, a signature). */
export function decodeBase64Exact(text: string, length: number, what: string): Uint8Array {
  const bytes = decodeBase64(text);
  if (bytes.length !== length) throw new FormatError(`${what} must be ${length} bytes, got ${bytes.length}`);
  return bytes;
}

const HEX_DIGITS = "0123456789abcdef";

/** Lowercase hexadecimal. */
export function encodeHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += HEX_DIGITS[byte >> 4] + HEX_DIGITS[byte & 15];
  return out;
}

/** Decodes lowercase hexadecimal only (uppercase is a second spelling of the same bytes). */
export function decodeHex(text: string): Uint8Array {
  if (text.length % 2 !== 0) throw new FormatError("hex length is odd");
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = HEX_DIGITS.indexOf(text[2 * i]);
    const low = HEX_DIGITS.indexOf(text[2 * i + 1]);
    if (high < 0 || low < 0) throw new FormatError("invalid lowercase hex character");
    out[i] = (high << 4) | low;
  }
  return out;
}

/**
 * Parses an ASCII decimal without sign or leading zeros ("0" itself is allowed), up to
 * Number.MAX_SAFE_INTEGER: larger values are refused rather than rounded.
 */
export function parseDecimal(text: string, what: string): number {
  if (text.length === 0 || text.length > 16) throw new FormatError(`${what} is not a decimal number in range`);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) throw new FormatError(`${what} is not a decimal number`);
  }
  if (text.length > 1 && text[0] === "0") throw new FormatError(`${what} has a leading zero`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new FormatError(`${what} is too large`);
  return value;
}

export function isSafeNonNegativeInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Big-endian unsigned 64-bit encoding of a safe non-negative integer. */
export function encodeUint64(value: number): Uint8Array {
  if (!isSafeNonNegativeInteger(value)) throw new RangeError("value must be a safe non-negative integer");
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out;
}

/** Reads a big-endian unsigned 64-bit integer; refuses values above Number.MAX_SAFE_INTEGER. */
export function decodeUint64(bytes: Uint8Array, offset: number): number {
  const value = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormatError("64-bit value above the supported range");
  return Number(value);
}

export function encodeUint32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

export function decodeUint32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}

/**
 * Splits text into newline-terminated lines. Returns null when the text does not end in a
 * newline (every format here requires it). Refuses to produce more than `maxLines` lines.
 */
export function splitLines(text: string, maxLines: number): string[] | null {
  if (text.length === 0) return [];
  if (!text.endsWith("\n")) return null;
  const lines: string[] = [];
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf("\n", start);
    if (lines.length >= maxLines) throw new FormatError(`more than ${maxLines} lines`);
    lines.push(text.slice(start, end));
    start = end + 1;
  }
  return lines;
}
