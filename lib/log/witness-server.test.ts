import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  addSignatures,
  arrayHashReader,
  consistencyProof,
  cosignatureVerifier,
  formatAddCheckpointRequest,
  formatVerifierKey,
  leafHash,
  noteSigner,
  openNote,
  parseVerifierKey,
  rootFromLeafHashes,
  signCheckpoint,
  SIGNATURE_TYPE_ED25519,
} from "../domain/tlog";
import { utf8 } from "../domain/tlog/bytes";
import { loadOrCreateKeyFile } from "./keys";
import { createWitness, type Witness } from "./witness-server";

let directory: string;
let witness: Witness;
let sign: (labels: readonly string[], origin?: string) => Promise<{ note: string; proofFrom: (old: number) => Promise<Uint8Array[]> }>;

beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "witness-test-"));
  const logKey = loadOrCreateKeyFile(path.join(directory, "log-key"), "example.gov.vn/log", SIGNATURE_TYPE_ED25519);
  witness = createWitness({
    keyFile: path.join(directory, "witness-key"),
    name: "archive.gov.vn/witness",
    stateFile: path.join(directory, "state.json"),
    logKeys: [formatVerifierKey(logKey.verifier)],
    now: () => 1_800_000_000,
  });
  sign = async (labels, origin = "example.gov.vn/log") => {
    const hashes = labels.map((label) => leafHash(utf8(label)));
    const note = await signCheckpoint({ origin, size: hashes.length, rootHash: rootFromLeafHashes(hashes) }, [
      noteSigner({ name: origin, publicKey: logKey.publicKey, sign: logKey.sign }),
    ]);
    const reader = arrayHashReader(hashes);
    return { note, proofFrom: (old) => consistencyProof(reader, old, hashes.length) };
  };
});
afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

const request = (text: string) => witness.handle(utf8(text));

describe("handbook witness", () => {
  it("cosigns a first checkpoint and then only consistent ones, with the spec's answers for everything else", async () => {
    const first = await sign(["a", "b", "c"]);
    const accepted = await request(formatAddCheckpointRequest(0, [], first.note));
    expect(accepted.status).toBe(200);
    const cosigned = openNote(addSignatures(first.note, accepted.body), [cosignatureVerifier(parseVerifierKey(witness.verifierKey))]);
    expect(cosigned.verified).toHaveLength(1);
    expect(witness.latest("example.gov.vn/log")?.size).toBe(3);

    const grown = await sign(["a", "b", "c", "d", "e"]);
    expect(await request(formatAddCheckpointRequest(0, [], grown.note))).toMatchObject({ status: 409, contentType: "text/x.tlog.size", body: "3\n" });
    const forked = await sign(["a", "B", "c", "d", "e"]);
    expect((await request(formatAddCheckpointRequest(3, await forked.proofFrom(3), forked.note))).status).toBe(422);
    expect((await request(formatAddCheckpointRequest(3, await grown.proofFrom(3), grown.note))).status).toBe(200);
    expect(witness.latest("example.gov.vn/log")?.size).toBe(5);

    const unknown = await sign(["a"], "other.gov.vn/log");
    expect((await request(formatAddCheckpointRequest(0, [], unknown.note))).status).toBe(404);
    const tampered = grown.note.replace("\n5\n", "\n6\n");
    expect((await request(formatAddCheckpointRequest(5, [], tampered))).status).toBe(403);
    expect((await request("old x\n\n")).status).toBe(400);
  });

  it("lets only one of two concurrent requests from the same old size through (the size check and the write are one step)", async () => {
    const first = await sign(["a"]);
    await request(formatAddCheckpointRequest(0, [], first.note));
    const left = await sign(["a", "left"]);
    const right = await sign(["a", "right"]);
    const answers = await Promise.all([
      request(formatAddCheckpointRequest(1, await left.proofFrom(1), left.note)),
      request(formatAddCheckpointRequest(1, await right.proofFrom(1), right.note)),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(witness.latest("example.gov.vn/log")?.size).toBe(2);
  });
});
