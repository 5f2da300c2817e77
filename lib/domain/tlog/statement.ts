import { decodeBase64, decodeUtf8, encodeBase64, encodeHex, FormatError, isSafeNonNegativeInteger, sha256, utf8 } from "./bytes";
import { decodePublicKey, keyFingerprint, signWith, verifyEd25519, ED25519_SIGNATURE_SIZE, type SignFunction } from "./keys";
import { leafHash } from "./merkle";

/**
 * The statement of a published version: the one log entry per version, whose leaf hash goes
 * into the Merkle tree.
 *
 * ENCODING (camnangmo/statement/v1) - exactly one byte sequence per statement:
 *  - UTF-8 JSON with no whitespace outside strings and no trailing newline;
 *  - every object has exactly the keys listed below, all present (absent values are null),
 *    written in ascending ASCII order; no other key is allowed;
 *  - values are strings, non-negative safe integers (no sign, fraction or exponent), null,
 *    arrays and objects; strings are NFC-normalized, well-formed Unicode, hold no control
 *    character (U+0000-U+001F, U+007F), and so are written with the only escapes \" and \\;
 *  - hashes are 64 lowercase hex digits of SHA-256; keys and signatures are standard base64;
 *  - `sections` are in reading order with strictly increasing `position`; `approvals` are
 *    sorted by reviewer id, then by approval hash;
 *  - at most MAX_STATEMENT_BYTES (65,535) bytes, so a statement fits one tlog-tiles entry.
 * decodeStatement re-encodes what it parsed and refuses input that differs by one byte, which
 * refuses duplicate keys, other key orders, whitespace, escapes and number spellings alike.
 *
 *   {"approvals":[{"approvalHash","approvedContentHash","baseStatementHash","decision",
 *                  "keyFingerprint","publicKey","reviewer":{"id","name"},"signature","signing"}],
 *    "contentHash","document","effectiveDate","previousStatementHash","proposalId",
 *    "publishedAt","publisher":{"id","name"},
 *    "sections":[{"contentHash","id","position","slug","title"}],"type","version"}
 *
 * - `sections[].contentHash`: SHA-256 of the section's exact content bytes (sectionContentHash);
 * - `contentHash`: SHA-256 of the whole, contentHashOfSections(sections);
 * - `previousStatementHash`: statementHash of the previous version's statement (null for v1);
 * - `publishedAt`: ISO 8601 UTC with milliseconds, as Date.prototype.toISOString writes it;
 * - `effectiveDate`: YYYY-MM-DD or null;
 * - an approval is `signing: "ed25519"` with `publicKey`, `keyFingerprint` and `signature`
 *   over approvalPayload(...), or `signing: "unsigned-legacy"` (recorded before reviewers
 *   signed) with those three null. `approvalHash` is SHA-256 of the approval payload either way.
 */

export const STATEMENT_TYPE = "camnangmo/statement/v1";
const CONTENT_TYPE = "camnangmo/content/v1";
const APPROVAL_PAYLOAD_HEADER = "camnangmo/approval/v1\n";

/** A statement is one tlog-tiles entry, whose length prefix is a uint16. */
export const MAX_STATEMENT_BYTES = 0xffff;
/** Most sections and approvals a statement lists (far above a handbook's, bounding work before the size check). */
export const MAX_STATEMENT_SECTIONS = 2000;
export const MAX_STATEMENT_APPROVALS = 200;
/** Longest identifier (ids, slugs, proposal ids), in characters. */
export const MAX_IDENTIFIER_LENGTH = 200;
/** Longest title or person's name, in characters. */
export const MAX_TEXT_LENGTH = 1000;

export type ApprovalDecision = "approve" | "request_changes" | "reject";
const DECISIONS: readonly ApprovalDecision[] = ["approve", "request_changes", "reject"];

function isDecision(value: unknown): value is ApprovalDecision {
  return DECISIONS.some((decision) => decision === value);
}

export interface StatementPerson {
  id: string;
  name: string;
}

export interface StatementSection {
  id: string;
  slug: string;
  title: string;
  position: number;
  /** sectionContentHash of the section's content. */
  contentHash: string;
}

export interface ApprovalCommon {
  reviewer: StatementPerson;
  decision: ApprovalDecision;
  /** The statement hash of the version the proposal was based on. */
  baseStatementHash: string | null;
  /** The contentHashOfSections the reviewer approved. */
  approvedContentHash: string;
  /** SHA-256 (hex) of the approval payload. */
  approvalHash: string;
}

export interface SignedApproval extends ApprovalCommon {
  signing: "ed25519";
  /** The reviewer's raw Ed25519 public key, base64. */
  publicKey: string;
  keyFingerprint: string;
  /** Ed25519 signature over the approval payload, base64. */
  signature: string;
}

export interface LegacyApproval extends ApprovalCommon {
  signing: "unsigned-legacy";
}

export type StatementApproval = SignedApproval | LegacyApproval;

export interface Statement {
  document: string;
  version: number;
  sections: StatementSection[];
  contentHash: string;
  previousStatementHash: string | null;
  proposalId: string | null;
  approvals: StatementApproval[];
  publisher: StatementPerson;
  publishedAt: string;
  effectiveDate: string | null;
}

/** Why a statement (or an approval) was refused; `path` points at the offending field. */
export class StatementError extends FormatError {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "StatementError";
  }
}

const HEX_HASH = /^[0-9a-f]{64}$/;
const ISO_INSTANT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;
const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

function checkText(value: unknown, path: string, maxLength: number): string {
  if (typeof value !== "string") throw new StatementError(path, "must be a string");
  if (value.length === 0) throw new StatementError(path, "must not be empty");
  if (value.length > maxLength) throw new StatementError(path, `must be at most ${maxLength} characters`);
  if (CONTROL_CHARACTER.test(value)) throw new StatementError(path, "must not hold control characters");
  try {
    utf8(value);
  } catch {
    throw new StatementError(path, "must be well-formed Unicode");
  }
  if (value.normalize("NFC") !== value) throw new StatementError(path, "must be NFC-normalized");
  return value;
}

const identifier = (value: unknown, path: string) => checkText(value, path, MAX_IDENTIFIER_LENGTH);
const text = (value: unknown, path: string) => checkText(value, path, MAX_TEXT_LENGTH);

function hash(value: unknown, path: string): string {
  if (typeof value !== "string" || !HEX_HASH.test(value)) throw new StatementError(path, "must be 64 lowercase hex digits");
  return value;
}

function nullable<T>(value: unknown, path: string, check: (value: unknown, path: string) => T): T | null {
  return value === null ? null : check(value, path);
}

function count(value: unknown, path: string, minimum: number): number {
  if (typeof value !== "number" || !isSafeNonNegativeInteger(value) || value < minimum) {
    throw new StatementError(path, `must be a safe integer of at least ${minimum}`);
  }
  return value;
}

function instant(value: unknown, path: string): string {
  if (typeof value !== "string" || !ISO_INSTANT.test(value) || new Date(value).toISOString() !== value) {
    throw new StatementError(path, "must be an ISO 8601 UTC time like 2026-11-02T08:30:00.000Z");
  }
  return value;
}

function calendarDate(value: unknown, path: string): string {
  if (typeof value !== "string" || !ISO_DATE.test(value)) throw new StatementError(path, "must be a date like 2026-11-02");
  const parsed = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) throw new StatementError(path, "is not a calendar date");
  return value;
}

function base64Field(value: unknown, path: string): string {
  if (typeof value !== "string") throw new StatementError(path, "must be base64");
  try {
    decodeBase64(value);
  } catch {
    throw new StatementError(path, "must be standard padded base64");
  }
  return value;
}

function record(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new StatementError(path, "must be an object");
  const actual = Object.keys(value);
  for (const key of actual) if (!keys.includes(key)) throw new StatementError(`${path}.${key}`, "is not a statement field");
  for (const key of keys) if (!actual.includes(key)) throw new StatementError(`${path}.${key}`, "is missing");
  return Object.fromEntries(keys.map((key) => [key, Reflect.get(value, key)]));
}

function list(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) throw new StatementError(path, "must be an array");
  if (value.length > max) throw new StatementError(path, `must hold at most ${max} items`);
  return value;
}

function person(value: unknown, path: string): StatementPerson {
  const fields = record(value, path, ["id", "name"]);
  return { id: identifier(fields.id, `${path}.id`), name: text(fields.name, `${path}.name`) };
}

function section(value: unknown, path: string): StatementSection {
  const fields = record(value, path, ["contentHash", "id", "position", "slug", "title"]);
  return {
    id: identifier(fields.id, `${path}.id`),
    slug: identifier(fields.slug, `${path}.slug`),
    title: text(fields.title, `${path}.title`),
    position: count(fields.position, `${path}.position`, 0),
    contentHash: hash(fields.contentHash, `${path}.contentHash`),
  };
}

const APPROVAL_KEYS = [
  "approvalHash",
  "approvedContentHash",
  "baseStatementHash",
  "decision",
  "keyFingerprint",
  "publicKey",
  "reviewer",
  "signature",
  "signing",
] as const;

function approval(value: unknown, path: string, proposalId: string | null): StatementApproval {
  const fields = record(value, path, APPROVAL_KEYS);
  const decision = fields.decision;
  if (!isDecision(decision)) throw new StatementError(`${path}.decision`, "must be approve, request_changes or reject");
  const common: ApprovalCommon = {
    reviewer: person(fields.reviewer, `${path}.reviewer`),
    decision,
    baseStatementHash: nullable(fields.baseStatementHash, `${path}.baseStatementHash`, hash),
    approvedContentHash: hash(fields.approvedContentHash, `${path}.approvedContentHash`),
    approvalHash: hash(fields.approvalHash, `${path}.approvalHash`),
  };
  if (proposalId === null) throw new StatementError(path, "approvals need the statement's proposal id");
  if (approvalHash(approvalPayload({ proposalId, ...common })) !== common.approvalHash) {
    throw new StatementError(`${path}.approvalHash`, "is not the hash of the approval payload");
  }
  if (fields.signing === "unsigned-legacy") {
    for (const key of ["publicKey", "keyFingerprint", "signature"] as const) {
      if (fields[key] !== null) throw new StatementError(`${path}.${key}`, "must be null for an unsigned legacy approval");
    }
    return { ...common, signing: "unsigned-legacy" };
  }
  if (fields.signing !== "ed25519") throw new StatementError(`${path}.signing`, "must be ed25519 or unsigned-legacy");
  const publicKey = base64Field(fields.publicKey, `${path}.publicKey`);
  let rawKey: Uint8Array;
  try {
    rawKey = decodePublicKey(publicKey);
  } catch {
    throw new StatementError(`${path}.publicKey`, "must be a raw Ed25519 public key in base64");
  }
  const fingerprint = keyFingerprint(rawKey);
  if (fields.keyFingerprint !== fingerprint) throw new StatementError(`${path}.keyFingerprint`, "is not the fingerprint of publicKey");
  const signature = base64Field(fields.signature, `${path}.signature`);
  if (decodeBase64(signature).length !== ED25519_SIGNATURE_SIZE) throw new StatementError(`${path}.signature`, "must be a 64-byte Ed25519 signature");
  return { ...common, signing: "ed25519", publicKey, keyFingerprint: fingerprint, signature };
}

function compareApprovals(a: StatementApproval, b: StatementApproval): number {
  if (a.reviewer.id !== b.reviewer.id) return a.reviewer.id < b.reviewer.id ? -1 : 1;
  return a.approvalHash < b.approvalHash ? -1 : a.approvalHash > b.approvalHash ? 1 : 0;
}

/** Checks every rule of the encoding except byte order; returns the statement in canonical order. */
function checkStatement(value: unknown): Statement {
  const fields = record(value, "statement", [
    "approvals",
    "contentHash",
    "document",
    "effectiveDate",
    "previousStatementHash",
    "proposalId",
    "publishedAt",
    "publisher",
    "sections",
    "type",
    "version",
  ]);
  if (fields.type !== STATEMENT_TYPE) throw new StatementError("statement.type", `must be ${STATEMENT_TYPE}`);
  const proposalId = nullable(fields.proposalId, "statement.proposalId", identifier);
  const sections = list(fields.sections, "statement.sections", MAX_STATEMENT_SECTIONS).map((item, index) => section(item, `statement.sections[${index}]`));
  const ids = new Set<string>();
  const slugs = new Set<string>();
  sections.forEach((item, index) => {
    if (index > 0 && item.position <= sections[index - 1].position) throw new StatementError(`statement.sections[${index}].position`, "must increase");
    if (ids.has(item.id)) throw new StatementError(`statement.sections[${index}].id`, "is repeated");
    if (slugs.has(item.slug)) throw new StatementError(`statement.sections[${index}].slug`, "is repeated");
    ids.add(item.id);
    slugs.add(item.slug);
  });
  const contentHash = hash(fields.contentHash, "statement.contentHash");
  if (contentHash !== contentHashOfSections(sections)) throw new StatementError("statement.contentHash", "is not the hash of the sections");
  const approvals = list(fields.approvals, "statement.approvals", MAX_STATEMENT_APPROVALS)
    .map((item, index) => approval(item, `statement.approvals[${index}]`, proposalId))
    .sort(compareApprovals);
  return {
    document: identifier(fields.document, "statement.document"),
    version: count(fields.version, "statement.version", 1),
    sections,
    contentHash,
    previousStatementHash: nullable(fields.previousStatementHash, "statement.previousStatementHash", hash),
    proposalId,
    approvals,
    publisher: person(fields.publisher, "statement.publisher"),
    publishedAt: instant(fields.publishedAt, "statement.publishedAt"),
    effectiveDate: nullable(fields.effectiveDate, "statement.effectiveDate", calendarDate),
  };
}

/** The JSON value of a statement, every object built with its keys in ascending order. */
function canonicalValue(statement: Statement): unknown {
  return {
    approvals: statement.approvals.map((item) => ({
      approvalHash: item.approvalHash,
      approvedContentHash: item.approvedContentHash,
      baseStatementHash: item.baseStatementHash,
      decision: item.decision,
      keyFingerprint: item.signing === "ed25519" ? item.keyFingerprint : null,
      publicKey: item.signing === "ed25519" ? item.publicKey : null,
      reviewer: { id: item.reviewer.id, name: item.reviewer.name },
      signature: item.signing === "ed25519" ? item.signature : null,
      signing: item.signing,
    })),
    contentHash: statement.contentHash,
    document: statement.document,
    effectiveDate: statement.effectiveDate,
    previousStatementHash: statement.previousStatementHash,
    proposalId: statement.proposalId,
    publishedAt: statement.publishedAt,
    publisher: { id: statement.publisher.id, name: statement.publisher.name },
    sections: statement.sections.map((item) => ({
      contentHash: item.contentHash,
      id: item.id,
      position: item.position,
      slug: item.slug,
      title: item.title,
    })),
    type: STATEMENT_TYPE,
    version: statement.version,
  };
}

/** The canonical bytes of a statement. Throws StatementError (e.g. for text that is not NFC). */
export function encodeStatement(statement: Statement): Uint8Array {
  const checked = checkStatement(canonicalValue(statement));
  const bytes = utf8(JSON.stringify(canonicalValue(checked)));
  if (bytes.length > MAX_STATEMENT_BYTES) throw new StatementError("statement", `is larger than ${MAX_STATEMENT_BYTES} bytes`);
  return bytes;
}

/** Reads a statement, refusing anything that is not exactly its canonical encoding. */
export function decodeStatement(bytes: Uint8Array): Statement {
  if (bytes.length > MAX_STATEMENT_BYTES) throw new StatementError("statement", `is larger than ${MAX_STATEMENT_BYTES} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(decodeUtf8(bytes));
  } catch {
    throw new StatementError("statement", "is not UTF-8 JSON");
  }
  const statement = checkStatement(value);
  const canonical = encodeStatement(statement);
  if (canonical.length !== bytes.length || !canonical.every((byte, index) => byte === bytes[index])) {
    throw new StatementError("statement", "is not in canonical form (key order, whitespace, escapes, duplicates or order of approvals)");
  }
  return statement;
}

/** SHA-256 (hex) of a statement's bytes: what the next version's previousStatementHash holds. */
export function statementHash(bytes: Uint8Array): string {
  return encodeHex(sha256(bytes));
}

/** The statement's Merkle leaf hash (RFC 6962: SHA-256 of 0x00 and the bytes). */
export function statementLeafHash(bytes: Uint8Array): Uint8Array {
  return leafHash(bytes);
}

/**
 * SHA-256 (hex) of a section's exact content: its bytes, or the UTF-8 of its text. For Tiptap
 * content that text is the canonical JSON a section revision is stored (and keyed) under.
 */
export function sectionContentHash(content: Uint8Array | string): string {
  return encodeHex(sha256(typeof content === "string" ? utf8(content) : content));
}

/** SHA-256 (hex) of the whole content: the canonical JSON {"sections":[...],"type":"camnangmo/content/v1"}. */
export function contentHashOfSections(sections: readonly StatementSection[]): string {
  const value = {
    sections: sections.map((item) => ({ contentHash: item.contentHash, id: item.id, position: item.position, slug: item.slug, title: item.title })),
    type: CONTENT_TYPE,
  };
  return encodeHex(sha256(utf8(JSON.stringify(value))));
}

export interface ApprovalFields {
  proposalId: string;
  baseStatementHash: string | null;
  approvedContentHash: string;
  decision: ApprovalDecision;
}

/**
 * The exact bytes a reviewer signs:
 *
 *   camnangmo/approval/v1
 *   proposal <proposal id>
 *   base <statement hash of the base version, or "none">
 *   content <contentHashOfSections being approved>
 *   decision <approve|request_changes|reject>
 *
 * every line ending in a newline. The first line keeps the signature from meaning anything
 * in another protocol.
 */
export function approvalPayload(fields: ApprovalFields): Uint8Array {
  const proposalId = identifier(fields.proposalId, "approval.proposalId");
  const base = nullable(fields.baseStatementHash, "approval.baseStatementHash", hash) ?? "none";
  const content = hash(fields.approvedContentHash, "approval.approvedContentHash");
  if (!isDecision(fields.decision)) throw new StatementError("approval.decision", "must be approve, request_changes or reject");
  return utf8(`${APPROVAL_PAYLOAD_HEADER}proposal ${proposalId}\nbase ${base}\ncontent ${content}\ndecision ${fields.decision}\n`);
}

export function approvalHash(payload: Uint8Array): string {
  return encodeHex(sha256(payload));
}

/** Signs an approval with the reviewer's key and returns its statement record. */
export async function signApproval(input: {
  fields: ApprovalFields;
  reviewer: StatementPerson;
  publicKey: Uint8Array;
  sign: SignFunction;
}): Promise<SignedApproval> {
  const payload = approvalPayload(input.fields);
  const signature = await signWith(input.sign, payload);
  if (!verifyEd25519(input.publicKey, payload, signature)) throw new Error("the signature does not verify with the given public key");
  return {
    signing: "ed25519",
    reviewer: input.reviewer,
    decision: input.fields.decision,
    baseStatementHash: input.fields.baseStatementHash,
    approvedContentHash: input.fields.approvedContentHash,
    approvalHash: approvalHash(payload),
    publicKey: encodeBase64(input.publicKey),
    keyFingerprint: keyFingerprint(input.publicKey),
    signature: encodeBase64(signature),
  };
}

/** The statement record of an approval recorded before reviewers signed. */
export function legacyApproval(input: { fields: ApprovalFields; reviewer: StatementPerson }): LegacyApproval {
  return {
    signing: "unsigned-legacy",
    reviewer: input.reviewer,
    decision: input.fields.decision,
    baseStatementHash: input.fields.baseStatementHash,
    approvedContentHash: input.fields.approvedContentHash,
    approvalHash: approvalHash(approvalPayload(input.fields)),
  };
}

/** Does a signed approval's signature verify over its payload (the statement's proposal id)? */
export function verifyApprovalSignature(statement: Pick<Statement, "proposalId">, item: SignedApproval): boolean {
  if (statement.proposalId === null) return false;
  try {
    const payload = approvalPayload({ proposalId: statement.proposalId, ...item });
    return verifyEd25519(decodePublicKey(item.publicKey), payload, decodeBase64(item.signature));
  } catch {
    return false;
  }
}
