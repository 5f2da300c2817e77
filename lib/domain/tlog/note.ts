import {
  concatBytes,
  decodeBase64,
  decodeHex,
  decodeUint32,
  decodeUtf8,
  encodeBase64,
  encodeHex,
  encodeUint32,
  FormatError,
  sha256,
  textBytes,
  utf8,
} from "./bytes";
import { ed25519PublicKeyFromSeed, isValidPublicKey, ED25519_PUBLIC_KEY_SIZE, ED25519_SEED_SIZE, signWith, verifyEd25519, type SignFunction } from "./keys";

/**
 * C2SP signed-note v1.0.0 (c2sp.org/signed-note): a UTF-8 text ending in a newline, one blank
 * line, then signature lines `— <key name> <base64(4-byte key id || signature)>`. The text is
 * split from the signatures at the last blank line.
 *
 * Verifiers are configured with keys; a line whose (name, key id) matches no configured key is
 * ignored, a line that matches one must verify or the whole note is refused, and a note with
 * no verified line is refused. A note that repeats a (name, key id) line is refused too: it
 * has no honest use, and refusing it leaves one reading of every accepted note.
 */

/** Signature type byte of Ed25519 note signatures (signed-note). */
export const SIGNATURE_TYPE_ED25519 = 0x01;
/** Signature type byte of timestamped Ed25519 checkpoint cosignatures (tlog-cosignature). */
export const SIGNATURE_TYPE_COSIGNATURE = 0x04;
export type SignatureType = typeof SIGNATURE_TYPE_ED25519 | typeof SIGNATURE_TYPE_COSIGNATURE;

/**
 * Largest note accepted: room for the spec's minimum of 16 signatures even if every one were a
 * post-quantum signature of nearly 5 kB (6.2 kB in base64), with a checkpoint's text to spare.
 */
export const MAX_NOTE_BYTES = 128 * 1024;
/** Most signature lines accepted in one note (the spec asks for at least 16). */
export const MAX_NOTE_SIGNATURES = 100;
/** Longest key name, in UTF-8 bytes: the limit the ML-DSA cosignature format puts on names. */
export const MAX_KEY_NAME_BYTES = 255;
/** Largest signature (with its key id) read from a line: post-quantum ones reach nearly 5 kB. */
const MAX_SIGNATURE_BYTES = 5 * 1024;

const EM_DASH_SPACE = "\u2014 ";
const SIGNER_KEY_PREFIX = "PRIVATE+KEY+";
const UNICODE_SPACE = /\p{White_Space}/u;

/** Key names are non-empty, hold no Unicode space and no "+", and fit MAX_KEY_NAME_BYTES. */
export function isValidKeyName(name: string): boolean {
  if (name.length === 0 || name.includes("+") || UNICODE_SPACE.test(name)) return false;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) < 0x20) return false;
  try {
    return utf8(name).length <= MAX_KEY_NAME_BYTES;
  } catch {
    return false;
  }
}

function assertKeyName(name: string): void {
  if (!isValidKeyName(name)) throw new FormatError("invalid key name");
}

/** Key id = the first 4 bytes (big-endian uint32) of SHA-256(name || 0x0A || type || public key). */
export function computeKeyId(name: string, type: SignatureType, publicKey: Uint8Array): number {
  assertKeyName(name);
  return decodeUint32(sha256(utf8(name), Uint8Array.of(0x0a, type), publicKey), 0);
}

export function formatKeyId(keyId: number): string {
  return encodeHex(encodeUint32(keyId));
}

/** A public key as a verifier is configured with it. */
export interface VerifierKey {
  name: string;
  keyId: number;
  type: SignatureType;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

export function verifierKey(name: string, type: SignatureType, publicKey: Uint8Array): VerifierKey {
  if (publicKey.length !== ED25519_PUBLIC_KEY_SIZE) throw new RangeError("an Ed25519 public key is 32 bytes");
  return { name, type, publicKey: publicKey.slice(), keyId: computeKeyId(name, type, publicKey) };
}

function isSupportedType(type: number): type is SignatureType {
  return type === SIGNATURE_TYPE_ED25519 || type === SIGNATURE_TYPE_COSIGNATURE;
}

/** `<name>+<hex key id>+<base64(type || public key)>` (signed-note "Verifier keys"). */
export function formatVerifierKey(key: VerifierKey): string {
  return `${key.name}+${formatKeyId(key.keyId)}+${encodeBase64(concatBytes(Uint8Array.of(key.type), key.publicKey))}`;
}

/** Longest vkey string read: a maximal name, the id and a base64 type byte and key. */
const MAX_VERIFIER_KEY_LENGTH = MAX_KEY_NAME_BYTES + 1 + 8 + 1 + 48;

/**
 * Parses a verifier key string. Only Ed25519 (0x01) and Ed25519 cosignature (0x04) keys are
 * supported; the key id must be lowercase hex and must match the name, type and key.
 */
export function parseVerifierKey(text: string): VerifierKey {
  if (text.length > MAX_VERIFIER_KEY_LENGTH) throw new FormatError("verifier key too long");
  const [name, idHex, keyBase64] = splitKeyString(text);
  assertKeyName(name);
  const key = parseTypedKey(keyBase64);
  const keyId = parseKeyIdHex(idHex);
  if (!isValidPublicKey(key.material)) throw new FormatError("not a valid Ed25519 public key");
  const expected = verifierKey(name, key.type, key.material);
  if (expected.keyId !== keyId) throw new FormatError("verifier key id does not match its name and key");
  return expected;
}

/** name+id+key, where the base64 key may itself hold "+" characters. */
function splitKeyString(text: string): [string, string, string] {
  const first = text.indexOf("+");
  const second = first < 0 ? -1 : text.indexOf("+", first + 1);
  if (second < 0) throw new FormatError("a key string is <name>+<key id>+<key>");
  return [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
}

function parseKeyIdHex(text: string): number {
  if (text.length !== 8) throw new FormatError("a key id is 8 lowercase hex digits");
  return decodeUint32(decodeHex(text), 0);
}

function parseTypedKey(base64: string): { type: SignatureType; material: Uint8Array } {
  const bytes = decodeBase64(base64);
  if (bytes.length !== 1 + ED25519_PUBLIC_KEY_SIZE) throw new FormatError("key must be a type byte and 32 bytes");
  const type = bytes[0];
  if (!isSupportedType(type)) throw new FormatError(`unsupported signature type 0x${type.toString(16).padStart(2, "0")}`);
  return { type, material: bytes.slice(1) };
}

/** A private key with its name, as Go's sumdb/note writes it; signed-note itself defines none. */
export interface SignerKey {
  name: string;
  keyId: number;
  type: SignatureType;
  /** The 32-byte Ed25519 seed (RFC 8032 private key). */
  seed: Uint8Array;
}

/**
 * `PRIVATE+KEY+<name>+<hex key id>+<base64(type || seed)>`, the format of Go's
 * golang.org/x/mod/sumdb/note (type 0x01 there); the same layout with type 0x04 holds a
 * witness's cosigning key. The key id is that of the matching public key.
 */
export function formatSignerKey(key: SignerKey): string {
  return `${SIGNER_KEY_PREFIX}${key.name}+${formatKeyId(key.keyId)}+${encodeBase64(concatBytes(Uint8Array.of(key.type), key.seed))}`;
}

export function signerKeyFromSeed(name: string, type: SignatureType, seed: Uint8Array): SignerKey {
  if (seed.length !== ED25519_SEED_SIZE) throw new RangeError("an Ed25519 seed is 32 bytes");
  return { name, type, seed: seed.slice(), keyId: computeKeyId(name, type, ed25519PublicKeyFromSeed(seed)) };
}

export function parseSignerKey(text: string): SignerKey {
  if (text.length > SIGNER_KEY_PREFIX.length + MAX_VERIFIER_KEY_LENGTH) throw new FormatError("signer key too long");
  if (!text.startsWith(SIGNER_KEY_PREFIX)) throw new FormatError("a signer key starts with PRIVATE+KEY+");
  const [name, idHex, keyBase64] = splitKeyString(text.slice(SIGNER_KEY_PREFIX.length));
  assertKeyName(name);
  const keyId = parseKeyIdHex(idHex);
  const { type, material } = parseTypedKey(keyBase64);
  const key = signerKeyFromSeed(name, type, material);
  if (key.keyId !== keyId) throw new FormatError("signer key id does not match its name and key");
  return key;
}

/** The public half of a signer key. */
export function verifierKeyOf(signer: SignerKey): VerifierKey {
  return verifierKey(signer.name, signer.type, ed25519PublicKeyFromSeed(signer.seed));
}

/** One signature line. */
export interface NoteSignature {
  name: string;
  keyId: number;
  /** The signature bytes after the 4-byte key id. */
  signature: Uint8Array;
}

export interface ParsedNote {
  /** The signed text, ending in a newline (the separating blank line excluded). */
  text: string;
  /** The exact bytes signatures cover. */
  textBytes: Uint8Array;
  signatures: NoteSignature[];
}

/** Checks what a note's signature covers; one per configured key. */
export interface NoteVerifier {
  name: string;
  keyId: number;
  type: SignatureType;
  /** True when `signature` (after the key id) is valid for the note text `text`. */
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

/** The verifier of plain Ed25519 note signatures (type 0x01) for one key. */
export function noteVerifier(key: VerifierKey): NoteVerifier {
  if (key.type !== SIGNATURE_TYPE_ED25519) throw new RangeError("a note verifier needs an Ed25519 (0x01) key");
  const publicKey = key.publicKey.slice();
  return {
    name: key.name,
    keyId: key.keyId,
    type: key.type,
    verify: (text, signature) => verifyEd25519(publicKey, text, signature),
  };
}

/** Produces the signature bytes (after the key id) for a note text. */
export interface NoteSigner {
  name: string;
  keyId: number;
  sign(text: Uint8Array): Promise<Uint8Array>;
}

/** A signer of plain Ed25519 note signatures (type 0x01), around any signing backend. */
export function noteSigner(key: { name: string; publicKey: Uint8Array; sign: SignFunction }): NoteSigner {
  const keyId = computeKeyId(key.name, SIGNATURE_TYPE_ED25519, key.publicKey);
  return { name: key.name, keyId, sign: (text) => signWith(key.sign, text) };
}

export type NoteErrorCode =
  | "malformed"
  | "duplicate_signature"
  | "ambiguous_key"
  | "invalid_signature"
  | "no_verified_signature";

/** Why a note was refused; `keyName`/`keyId` name the line at fault when there is one. */
export class NoteError extends Error {
  constructor(
    readonly code: NoteErrorCode,
    message: string,
    readonly keyName?: string,
    readonly keyId?: number,
  ) {
    super(message);
    this.name = "NoteError";
  }
}

function malformed(message: string): NoteError {
  return new NoteError("malformed", `malformed note: ${message}`);
}

/** Parses a note's syntax (no signature is checked). Throws NoteError("malformed"). */
export function parseNote(input: Uint8Array | string): ParsedNote {
  let bytes: Uint8Array;
  let note: string;
  try {
    bytes = textBytes(input);
    if (bytes.length > MAX_NOTE_BYTES) throw new FormatError(`larger than ${MAX_NOTE_BYTES} bytes`);
    note = decodeUtf8(bytes);
  } catch (error) {
    throw malformed(error instanceof Error ? error.message : "unreadable");
  }
  for (let i = 0; i < note.length; i++) {
    const code = note.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) throw malformed("control character");
  }
  const split = note.lastIndexOf("\n\n");
  if (split < 0) throw malformed("no blank line before the signatures");
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith("\n")) throw malformed("signature lines must end in a newline");
  const lines = block.slice(0, -1).split("\n");
  if (lines.length > MAX_NOTE_SIGNATURES) throw malformed(`more than ${MAX_NOTE_SIGNATURES} signatures`);
  const signatures = lines.map(parseSignatureLine);
  const seen = new Set<string>();
  for (const signature of signatures) {
    const key = `${signature.name}+${signature.keyId}`;
    if (seen.has(key)) {
      throw new NoteError("duplicate_signature", `two signatures from ${signature.name}+${formatKeyId(signature.keyId)}`, signature.name, signature.keyId);
    }
    seen.add(key);
  }
  return { text, textBytes: utf8(text), signatures };
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(EM_DASH_SPACE)) throw malformed("a signature line starts with an em dash and a space");
  const rest = line.slice(EM_DASH_SPACE.length);
  const space = rest.indexOf(" ");
  if (space < 0) throw malformed("a signature line has a name and a signature");
  const name = rest.slice(0, space);
  if (!isValidKeyName(name)) throw malformed("invalid key name in a signature line");
  let raw: Uint8Array;
  try {
    raw = decodeBase64(rest.slice(space + 1));
  } catch {
    throw malformed("signature is not base64");
  }
  if (raw.length < 5 || raw.length > MAX_SIGNATURE_BYTES) throw malformed("signature has the wrong size");
  return { name, keyId: decodeUint32(raw, 0), signature: raw.slice(4) };
}

export function formatSignatureLine(signature: NoteSignature): string {
  assertKeyName(signature.name);
  return `${EM_DASH_SPACE}${signature.name} ${encodeBase64(concatBytes(encodeUint32(signature.keyId), signature.signature))}\n`;
}

/** Text (ending in a newline), a blank line, then one line per signature. */
export function formatNote(text: string, signatures: readonly NoteSignature[]): string {
  assertNoteText(text);
  if (signatures.length === 0) throw new FormatError("a note needs at least one signature");
  const note = `${text}\n${signatures.map(formatSignatureLine).join("")}`;
  parseNote(note);
  return note;
}

function assertNoteText(text: string): void {
  if (!text.endsWith("\n")) throw new FormatError("a note text ends in a newline");
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) throw new FormatError("a note text has no control characters");
  }
}

/** Signs `text` with each signer and returns the note. */
export async function signNote(text: string, signers: readonly NoteSigner[]): Promise<string> {
  assertNoteText(text);
  const bytes = utf8(text);
  const signatures: NoteSignature[] = [];
  for (const signer of signers) signatures.push({ name: signer.name, keyId: signer.keyId, signature: await signer.sign(bytes) });
  return formatNote(text, signatures);
}

/**
 * Adds signature lines (such as a witness's answer) to a note. A line with the same
 * (name, key id) as one already there replaces it, so adding a fresh cosignature from a
 * witness that cosigned an earlier request leaves one line for it.
 */
export function addSignatures(note: Uint8Array | string, lines: Uint8Array | string): string {
  const parsed = parseNote(note);
  const added = parseNote(`${parsed.text}\n${decodeUtf8(textBytes(lines))}`).signatures;
  const replaced = new Set(added.map((signature) => `${signature.name}+${signature.keyId}`));
  const kept = parsed.signatures.filter((signature) => !replaced.has(`${signature.name}+${signature.keyId}`));
  return formatNote(parsed.text, [...kept, ...added]);
}

export interface VerifiedSignature extends NoteSignature {
  verifier: NoteVerifier;
}

export interface OpenedNote extends ParsedNote {
  /** Lines from configured keys, each verified. */
  verified: VerifiedSignature[];
  /** Lines from keys not configured, ignored. */
  unverified: NoteSignature[];
}

/**
 * Parses a note and checks it against the configured keys. Throws NoteError: "malformed",
 * "duplicate_signature", "ambiguous_key" (two configured keys share a name and key id and a
 * line uses them), "invalid_signature" (a configured key's line fails), or
 * "no_verified_signature".
 */
export function openNote(input: Uint8Array | string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const parsed = parseNote(input);
  const verified: VerifiedSignature[] = [];
  const unverified: NoteSignature[] = [];
  for (const signature of parsed.signatures) {
    const matching = verifiers.filter((verifier) => verifier.name === signature.name && verifier.keyId === signature.keyId);
    const label = `${signature.name}+${formatKeyId(signature.keyId)}`;
    if (matching.length === 0) {
      unverified.push(signature);
      continue;
    }
    if (matching.length > 1) {
      throw new NoteError("ambiguous_key", `ambiguous key ${label}`, signature.name, signature.keyId);
    }
    if (!matching[0].verify(parsed.textBytes, signature.signature)) {
      throw new NoteError("invalid_signature", `invalid signature for key ${label}`, signature.name, signature.keyId);
    }
    verified.push({ ...signature, verifier: matching[0] });
  }
  if (verified.length === 0) throw new NoteError("no_verified_signature", "note has no verifiable signatures");
  return { ...parsed, verified, unverified };
}
