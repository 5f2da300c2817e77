import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { getDb, type Db } from "../../db/client";
import { loadProposal } from "../../db/proposals";
import { encodeBase64 } from "../../domain/tlog";
import type { Actor } from "../../policies";
import { registerReviewerKey } from "../workspace/reviewer-keys";
import { currentApprovalPayload } from "./approval-signatures";
import { reviewProposal } from "./review-proposal";

/**
 * Signed approvals for history the product writes itself (the seed's version 2) and for
 * tests: each reviewer gets an Ed25519 key made in memory on first use, whose public key is
 * registered like anyone's; the private key lives only in this object and is never stored, so
 * nobody can sign with it once the process ends.
 */
export function createThrowawaySigner(db?: Db) {
  const keys = new Map<string, { privateKey: KeyObject; publicKey: string }>();

  async function keyFor(actor: Actor): Promise<KeyObject> {
    const client = db ?? (await getDb());
    const known = keys.get(actor.id);
    // Registered again when the database changed under the signer (a test's fresh database).
    if (known && (await client.reviewerKey.findUnique({ where: { publicKey: known.publicKey } }))) return known.privateKey;
    const pair = generateKeyPairSync("ed25519");
    const jwk = pair.publicKey.export({ format: "jwk" });
    if (typeof jwk.x !== "string") throw new Error("node:crypto returned an Ed25519 key without x");
    const publicKey = encodeBase64(Buffer.from(jwk.x, "base64url"));
    await registerReviewerKey({ actor, publicKey, db: client });
    keys.set(actor.id, { privateKey: pair.privateKey, publicKey });
    return pair.privateKey;
  }

  return {
    /** Signs the proposal's current approval payload as `actor` (registering a key on first use). */
    async signature(actor: Actor, proposalId: string): Promise<string> {
      const key = await keyFor(actor);
      const payload = await currentApprovalPayload(db ?? (await getDb()), await loadProposal(db ?? (await getDb()), proposalId));
      return encodeBase64(sign(null, payload, key));
    },
    /** Approves with a signature, as a reviewer's browser or API client would. */
    async approve(actor: Actor, proposalId: string, comment?: string) {
      const signature = await this.signature(actor, proposalId);
      return reviewProposal({ actor, proposalId, input: { decision: "approve", comment, signature } });
    },
  };
}

export type ThrowawaySigner = ReturnType<typeof createThrowawaySigner>;
