import fs from "node:fs";
import path from "node:path";
import { databaseConfig, projectRoot } from "../db/config";
import { z } from "zod";
import { parseStoredJson } from "../domain/stored-json";
import { bytesEqual } from "../domain/tlog/bytes";
import {
  decodeBase64,
  encodeBase64,
  formatVerifierKey,
  noteSigner,
  signCheckpoint,
  SIGNATURE_TYPE_ED25519,
  verifyConsistency,
  type Checkpoint,
} from "../domain/tlog";
import { loadOrCreateKeyFile, readKeyFile, readStateFile, writeStateFile, KeyFileError, type KeyFile } from "./keys";

/**
 * The log's signing key and the one rule it keeps: never sign two checkpoints that are not
 * consistent. The key lives in a file outside the database (`data/log-key`, owner-only, made
 * on first start), and beside it the size and root of the last checkpoint signed
 * (`data/log-key.signed`). Whoever rewrites the database cannot make this signer vouch for
 * the rewrite: a new checkpoint is signed only with a consistency proof from the last one.
 */

export const DEFAULT_LOG_KEY_FILE = "data/log-key";
/** Suffix of the file beside the key that remembers the last signed tree. */
export const SIGNED_STATE_SUFFIX = ".signed";
/** That file's content: the size and the base64 root hash of the last tree signed. */
const signedTreeStateSchema = z.object({ size: z.number().int().nonnegative(), rootHash: z.string() });
const FALLBACK_PUBLIC_URL = "http://localhost:3000";

/** Name of the key file beside an embedded database. */
const LOG_KEY_BESIDE_DATABASE = "log-key";

/**
 * Where the log key and its signed state live: HANDBOOK_LOG_KEY_FILE, else beside the
 * embedded database (the default `data/handbook.db` gives `data/log-key`), else `data/log-key`.
 * One log per installation: a second SQLite database in the same folder tree (an end-to-end
 * run, a restored copy under another folder) keeps a log of its own instead of meeting a
 * signed state that its fresh tree can never be consistent with.
 */
export function logKeyFile(env: Partial<NodeJS.ProcessEnv> = process.env): string {
  if (env.HANDBOOK_LOG_KEY_FILE) return path.resolve(projectRoot(), env.HANDBOOK_LOG_KEY_FILE);
  const database = databaseConfig(env.DATABASE_URL);
  if (database.engine === "sqlite") return path.join(path.dirname(database.file), LOG_KEY_BESIDE_DATABASE);
  return path.resolve(projectRoot(), DEFAULT_LOG_KEY_FILE);
}

/** The origin a new log key is named after: HANDBOOK_LOG_ORIGIN, else `<host of NEXTAUTH_URL>/log`. */
export function configuredLogOrigin(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.HANDBOOK_LOG_ORIGIN?.trim();
  if (explicit) return explicit;
  return `${new URL(env.NEXTAUTH_URL || FALLBACK_PUBLIC_URL).host}/log`;
}

/** The log key, created on first start. A key made for another origin is refused when HANDBOOK_LOG_ORIGIN names one. */
export function ensureLogKey(env: NodeJS.ProcessEnv = process.env): KeyFile {
  const file = logKeyFile(env);
  if (!fs.existsSync(file)) return loadOrCreateKeyFile(file, configuredLogOrigin(env), SIGNATURE_TYPE_ED25519);
  const key = readKeyFile(file, SIGNATURE_TYPE_ED25519);
  const wanted = env.HANDBOOK_LOG_ORIGIN?.trim();
  if (wanted && key.signer.name !== wanted) {
    throw new KeyFileError(`${file} is the key of the log ${key.signer.name}, not HANDBOOK_LOG_ORIGIN=${wanted}: a log keeps its origin for life`);
  }
  return key;
}

/** The log key, which must exist (processes other than `npm start` never create one). */
export function loadLogKey(env: NodeJS.ProcessEnv = process.env): KeyFile {
  return readKeyFile(logKeyFile(env), SIGNATURE_TYPE_ED25519);
}

export class LogSignerRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LogSignerRefusal";
  }
}

export interface SignedTree {
  size: number;
  rootHash: Uint8Array;
}

/** Signings in flight per state file: one at a time, so the compare and the write are one step in this process. */
const queues = new Map<string, Promise<unknown>>();

export class LogSigner {
  readonly stateFile: string;

  constructor(readonly key: KeyFile) {
    this.stateFile = `${key.file}${SIGNED_STATE_SUFFIX}`;
  }

  get origin(): string {
    return this.key.signer.name;
  }

  /** The verifier key string readers configure (`<origin>+<key id>+<base64>`). */
  get verifierKey(): string {
    return formatVerifierKey(this.key.verifier);
  }

  lastSigned(): SignedTree | null {
    const text = readStateFile(this.stateFile);
    if (text === null) return null;
    const state = parseStoredJson(signedTreeStateSchema, text, `log signer state file ${this.stateFile}`);
    return { size: state.size, rootHash: decodeBase64(state.rootHash) };
  }

  /**
   * Signs the checkpoint of a tree of `size` with `rootHash`, only if it extends the last one
   * signed: `proofFrom(oldSize)` must give the consistency proof from that size. Signing the
   * same tree again is allowed (the same note comes out); anything else is refused.
   */
  signTree(tree: SignedTree, proofFrom: (oldSize: number) => Promise<Uint8Array[]>): Promise<string> {
    const previous = queues.get(this.stateFile) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.signNow(tree, proofFrom));
    queues.set(this.stateFile, next);
    return next;
  }

  private async signNow(tree: SignedTree, proofFrom: (oldSize: number) => Promise<Uint8Array[]>): Promise<string> {
    const last = this.lastSigned();
    if (last) {
      const describe = (state: SignedTree) => `size ${state.size}, root ${encodeBase64(state.rootHash)}`;
      if (tree.size < last.size) throw new LogSignerRefusal(`refusing to sign ${describe(tree)}: the log already signed ${describe(last)} (a smaller tree would roll history back)`);
      if (tree.size === last.size && !bytesEqual(tree.rootHash, last.rootHash)) {
        throw new LogSignerRefusal(`refusing to sign ${describe(tree)}: the log already signed a different tree of that size (${describe(last)})`);
      }
      if (tree.size > last.size && last.size > 0) {
        const proof = await proofFrom(last.size);
        if (!verifyConsistency(last.size, tree.size, proof, last.rootHash, tree.rootHash)) {
          throw new LogSignerRefusal(`refusing to sign ${describe(tree)}: it is not consistent with the last checkpoint signed (${describe(last)})`);
        }
      }
    }
    const checkpoint: Checkpoint = { origin: this.origin, size: tree.size, rootHash: tree.rootHash };
    const note = await signCheckpoint(checkpoint, [noteSigner({ name: this.origin, publicKey: this.key.publicKey, sign: this.key.sign })]);
    if (!last || tree.size > last.size) writeStateFile(this.stateFile, JSON.stringify({ size: tree.size, rootHash: encodeBase64(tree.rootHash) }));
    return note;
  }
}
