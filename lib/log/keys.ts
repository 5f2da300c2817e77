import { createPrivateKey, randomBytes, sign as nodeSign } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  ed25519PublicKeyFromSeed,
  ED25519_SEED_SIZE,
  formatSignerKey,
  parseSignerKey,
  signerKeyFromSeed,
  verifierKeyOf,
  type SignatureType,
  type SignerKey,
  type SignFunction,
  type VerifierKey,
} from "../domain/tlog";
import { ensurePrivateDirectory, PRIVATE_FILE_MODE } from "../db/private-files";

/**
 * Ed25519 signing keys kept in files outside the database (the log's key, a witness's key):
 * one line in Go's sumdb/note private key format (`PRIVATE+KEY+<name>+<key id>+<base64>`),
 * readable by its owner only. Signing goes through node:crypto.
 */

/** DER prefix of a PKCS#8 Ed25519 private key (RFC 8410) before its 32-byte seed. */
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export function nodeSignFunction(seed: Uint8Array): SignFunction {
  if (seed.length !== ED25519_SEED_SIZE) throw new RangeError("an Ed25519 seed is 32 bytes");
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seed)]), format: "der", type: "pkcs8" });
  return (message) => new Uint8Array(nodeSign(null, message, privateKey));
}

export interface KeyFile {
  file: string;
  signer: SignerKey;
  verifier: VerifierKey;
  publicKey: Uint8Array;
  sign: SignFunction;
}

export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyFileError";
  }
}

function fromSigner(file: string, signer: SignerKey): KeyFile {
  return { file, signer, verifier: verifierKeyOf(signer), publicKey: ed25519PublicKeyFromSeed(signer.seed), sign: nodeSignFunction(signer.seed) };
}

/** Reads a key file, refusing one that others may read (a key anyone on the machine can copy signs for anyone). */
export function readKeyFile(file: string, type: SignatureType): KeyFile {
  let text: string;
  try {
    const mode = fs.statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) throw new KeyFileError(`${file} is readable by others (mode ${mode.toString(8)}): chmod 600 ${file}`);
    text = fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if (error instanceof KeyFileError) throw error;
    throw new KeyFileError(`cannot read the key file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let signer: SignerKey;
  try {
    signer = parseSignerKey(text);
  } catch (error) {
    throw new KeyFileError(`${file} does not hold a signing key: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (signer.type !== type) throw new KeyFileError(`${file} holds a key of type ${signer.type}, not ${type}`);
  return fromSigner(file, signer);
}

/**
 * The key in `file`, created (owner-only, with `name`) when the file does not exist. The
 * file is created exclusively, so two processes starting at once cannot each make a key.
 */
export function loadOrCreateKeyFile(file: string, name: string, type: SignatureType): KeyFile {
  if (!fs.existsSync(file)) {
    ensurePrivateDirectory(path.dirname(file), { narrowExisting: false });
    const signer = signerKeyFromSeed(name, type, new Uint8Array(randomBytes(ED25519_SEED_SIZE)));
    try {
      fs.writeFileSync(file, `${formatSignerKey(signer)}\n`, { mode: PRIVATE_FILE_MODE, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const key = readKeyFile(file, type);
  if (key.signer.name !== name) throw new KeyFileError(`${file} is the key of ${key.signer.name}, not ${name}`);
  return key;
}

/** Writes a small state file atomically (a temporary file renamed over it), owner-only. */
export function writeStateFile(file: string, content: string): void {
  ensurePrivateDirectory(path.dirname(file), { narrowExisting: false });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const handle = fs.openSync(temporary, "w", PRIVATE_FILE_MODE);
  try {
    fs.writeFileSync(handle, content);
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
  fs.renameSync(temporary, file);
}

export function readStateFile(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
