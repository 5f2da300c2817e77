import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import fs from "node:fs";
import { loadActor } from "../auth/actor";
import { getDb } from "../db/client";
import { decodeBase64, ED25519_PUBLIC_KEY_SIZE, encodeBase64 } from "../domain/tlog";
import { registerReviewerKey, revokeReviewerKey } from "../services/workspace/reviewer-keys";
import { requireOption, UsageError, type Command } from "./commands";
import { cliText } from "./text";

/**
 * Reviewer keys for people who approve through the API: a key pair made on their own machine
 * (the private key never reaches the server), its public key registered to their account, and
 * the signature over a proposal's approvalPayload that POST /api/v1/proposals/{id}/reviews takes.
 */

/** A public key file is at most a few hundred bytes (PEM); anything larger is not one. */
const MAX_KEY_FILE_BYTES = 4096;
/** Only the owner may read a private key file. */
const PRIVATE_KEY_FILE_MODE = 0o600;

function readKeyFile(path: string): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (error) {
    throw new UsageError(cliText().cannotRead({ file: path, detail: error instanceof Error ? error.message : String(error) }));
  }
  if (!stat.isFile() || stat.size > MAX_KEY_FILE_BYTES) throw new UsageError(cliText().keys.notKeyFile(path));
  return fs.readFileSync(path);
}

/**
 * The base64 raw public key in a file: a PEM public key (`openssl pkey -pubout`, or what
 * key:generate writes), the base64 of the 32 raw bytes, or the 32 raw bytes themselves.
 */
export function publicKeyFromFile(bytes: Buffer): string {
  const text = bytes.toString("utf8").trim();
  if (text.startsWith("-----BEGIN")) {
    try {
      const key = createPublicKey(text);
      if (key.asymmetricKeyType !== "ed25519") throw new UsageError(cliText().keys.notEd25519);
      const x = key.export({ format: "jwk" }).x;
      if (typeof x !== "string") throw new UsageError(cliText().keys.noEd25519PublicKey);
      return encodeBase64(Buffer.from(x, "base64url"));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(cliText().keys.notPemEd25519);
    }
  }
  if (bytes.length === ED25519_PUBLIC_KEY_SIZE) return encodeBase64(bytes);
  return text;
}

async function actorByEmail(email: string) {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  const actor = user ? await loadActor(db, user.id) : null;
  if (!actor) throw new UsageError(cliText().noActiveUser(email));
  return actor;
}

export const keyGenerateCommand: Command = {
  name: "key:generate",
  words: "keyGenerate",
  options: { out: "string" },
  async run(args) {
    const out = requireOption(args, "out");
    const pair = generateKeyPairSync("ed25519");
    fs.writeFileSync(`${out}.key`, pair.privateKey.export({ format: "pem", type: "pkcs8" }), { mode: PRIVATE_KEY_FILE_MODE, flag: "wx" });
    fs.writeFileSync(`${out}.pub`, pair.publicKey.export({ format: "pem", type: "spki" }), { flag: "wx" });
    console.log(JSON.stringify({ privateKey: `${out}.key`, publicKey: `${out}.pub` }));
  },
};

export const keyRegisterCommand: Command = {
  name: "key:register",
  words: "keyRegister",
  options: { email: "string", file: "string" },
  async run(args) {
    const actor = await actorByEmail(requireOption(args, "email"));
    const publicKey = publicKeyFromFile(readKeyFile(requireOption(args, "file")));
    const { key, created } = await registerReviewerKey({ actor, publicKey, db: await getDb() });
    console.log(JSON.stringify({ ...key, created }));
  },
};

export const keyRevokeCommand: Command = {
  name: "key:revoke",
  words: "keyRevoke",
  options: { email: "string", id: "string" },
  async run(args) {
    const actor = await actorByEmail(requireOption(args, "email"));
    console.log(JSON.stringify(await revokeReviewerKey({ actor, keyId: requireOption(args, "id"), db: await getDb() })));
  },
};

export const approvalSignCommand: Command = {
  name: "approval:sign",
  words: "approvalSign",
  options: { key: "string", payload: "string" },
  async run(args) {
    let payload: Uint8Array;
    try {
      payload = decodeBase64(requireOption(args, "payload"));
    } catch {
      throw new UsageError(cliText().keys.payloadBase64);
    }
    let key;
    try {
      key = createPrivateKey(readKeyFile(requireOption(args, "key")));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(cliText().keys.keyPem);
    }
    if (key.asymmetricKeyType !== "ed25519") throw new UsageError(cliText().keys.keyEd25519);
    console.log(encodeBase64(sign(null, payload, key)));
  },
};

export const KEY_COMMANDS: Command[] = [keyGenerateCommand, keyRegisterCommand, keyRevokeCommand, approvalSignCommand];
