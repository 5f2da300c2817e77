import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8 } from "./bytes";
import { signCheckpoint } from "./checkpoint";
import { cosignatureVerifier, cosigner, parseCosignature } from "./cosignature";
import { ed25519PublicKeyFromSeed, ed25519SignFunction } from "./keys";
import { arrayHashReader, consistencyProof, EMPTY_TREE_ROOT, leafHash, rootFromLeafHashes } from "./merkle";
import { noteSigner, noteVerifier, openNote, SIGNATURE_TYPE_COSIGNATURE, SIGNATURE_TYPE_ED25519, verifierKey } from "./note";
import {
  cosignAccepted,
  decideAddCheckpoint,
  formatAddCheckpointRequest,
  parseAddCheckpointRequest,
  sameWitnessState,
  TLOG_SIZE_CONTENT_TYPE,
  witnessCheckpointPath,
  type AddCheckpointDecision,
  type AddCheckpointRequest,
  type WitnessLogState,
} from "./witness";

const ORIGIN = "camnang.example/log";

function keyPair(seedByte: number) {
  const seed = new Uint8Array(32).fill(seedByte);
  return { publicKey: ed25519PublicKeyFromSeed(seed), sign: ed25519SignFunction(seed) };
}

const logKeys = keyPair(11);
const logSigner = noteSigner({ name: ORIGIN, ...logKeys });
const logVerifiers = [noteVerifier(verifierKey(ORIGIN, SIGNATURE_TYPE_ED25519, logKeys.publicKey))];
const impostor = noteSigner({ name: ORIGIN, ...keyPair(12) });
const witnessKeys = keyPair(13);
const witnessCosigner = cosigner({ name: "witness.example/w1", ...witnessKeys });
const witnessVerifier = cosignatureVerifier(verifierKey("witness.example/w1", SIGNATURE_TYPE_COSIGNATURE, witnessKeys.publicKey));

/** A log whose history is a list of leaves; `fork` gives another log that shares the first leaves. */
function simulatedLog(leaves: readonly Uint8Array[]) {
  const reader = arrayHashReader(leaves);
  return {
    leaves,
    root: (size: number) => rootFromLeafHashes(leaves.slice(0, size)),
    note: (size: number, signer = logSigner) => signCheckpoint({ origin: ORIGIN, size, rootHash: rootFromLeafHashes(leaves.slice(0, size)) }, [signer]),
    proof: (oldSize: number, newSize: number) => consistencyProof(reader, oldSize, newSize),
    async body(oldSize: number, newSize: number, signer = logSigner): Promise<string> {
      return formatAddCheckpointRequest(oldSize, await consistencyProof(reader, oldSize, newSize), await this.note(newSize, signer));
    },
  };
}

const leaves = (label: string, count: number) => Array.from({ length: count }, (_, index) => leafHash(utf8(`${label} ${index}`)));
const main = simulatedLog(leaves("statement", 64));

function parsed(body: string): AddCheckpointRequest {
  const result = parseAddCheckpointRequest(body);
  if (!result.ok) throw new Error(`unexpected refusal: ${result.response.body}`);
  return result.request;
}

function decide(body: string, latest: WitnessLogState | null, verifiers: typeof logVerifiers | null = logVerifiers): AddCheckpointDecision {
  return decideAddCheckpoint({ request: parsed(body), logVerifiers: verifiers, latest });
}

function status(decision: AddCheckpointDecision): number {
  return decision.accepted ? 200 : decision.response.status;
}

/** Undefined four times in five: the honest default, with a deviation now and then. */
const mostlyUndefined = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary, weight: 1 });

const stateOf = (log: typeof main, size: number): WitnessLogState => ({ size, rootHash: log.root(size) });

describe("parsing add-checkpoint requests", () => {
  it("reads the specification's example body", () => {
    const body = [
      "old 20852014",
      "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=",
      "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=",
      "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=",
      "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=",
      "",
      "example.com/behind-the-sofa",
      "20852163",
      "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=",
      "",
      "— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=",
      "— example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=",
      "",
    ].join("\n");
    const request = parsed(body);
    expect(request.oldSize).toBe(20852014);
    expect(request.proof).toHaveLength(4);
    expect(request.checkpoint.origin).toBe("example.com/behind-the-sofa");
    expect(request.checkpoint.size).toBe(20852163);
  });

  it("round-trips a body it formats", async () => {
    const request = parsed(await main.body(3, 7));
    expect(request.oldSize).toBe(3);
    expect(request.proof).toEqual(await main.proof(3, 7));
    expect(request.note).toBe(await main.note(7));
  });

  it("answers 400 to malformed bodies", async () => {
    const note = await main.note(7);
    const proofLines = (await main.proof(3, 7)).map((hash) => `${Buffer.from(hash).toString("base64")}\n`).join("");
    const bodies = [
      `old 3\n${proofLines}${note}`, // no blank line before the checkpoint
      `old 03\n${proofLines}\n${note}`,
      `old -3\n\n${note}`,
      `ol 3\n\n${note}`,
      `old 3\n${proofLines}bm90IGEgaGFzaA==\n\n${note}`,
      `old 3\n${"PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n".repeat(64)}\n${note}`,
      `old 3\n${proofLines}\n${note.replace("\n\n", "\n")}`,
      `old 3\n${proofLines}\nnot a checkpoint\n\n${note.slice(note.indexOf("—"))}`,
      "old 3",
    ];
    for (const body of bodies) {
      const result = parseAddCheckpointRequest(body);
      expect(result.ok, body).toBe(false);
      if (!result.ok) expect(result.response.status).toBe(400);
    }
    expect(parseAddCheckpointRequest(`old 3\n${"PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n".repeat(63)}\n${note}`).ok).toBe(true);
  });
});

describe("deciding add-checkpoint", () => {
  it("cosigns the first checkpoint of a log it never saw", async () => {
    const decision = decide(await main.body(0, 5), null);
    expect(decision.accepted).toBe(true);
    if (!decision.accepted) return;
    expect(decision.expected).toBeNull();
    expect(decision.next).toEqual(stateOf(main, 5));
    const { response, cosignedNote } = await cosignAccepted(decision, [witnessCosigner], 1_800_000_000);
    expect(response.status).toBe(200);
    expect(response.body.startsWith("— witness.example/w1 ")).toBe(true);
    const opened = openNote(cosignedNote, [...logVerifiers, witnessVerifier]);
    expect(opened.verified).toHaveLength(2);
    expect(parseCosignature(opened.verified[1].signature)?.timestamp).toBe(1_800_000_000);
  });

  it("cosigns a checkpoint proved consistent with the last one, and the same tree again", async () => {
    const grown = decide(await main.body(5, 13), stateOf(main, 5));
    expect(grown.accepted && grown.next.size).toBe(13);
    expect(status(decide(await main.body(13, 13), stateOf(main, 13)))).toBe(200);
  });

  it("answers 404 to an unknown origin and 403 to a missing or broken log signature", async () => {
    expect(status(decide(await main.body(0, 5), null, null))).toBe(404);
    expect(status(decide(await main.body(0, 5, impostor), null))).toBe(403);
    const note = await main.note(5);
    const broken = note.slice(0, -10) + (note.at(-10) === "A" ? "B" : "A") + note.slice(-9);
    expect(status(decide(formatAddCheckpointRequest(0, [], broken), null))).toBe(403);
  });

  it("answers 400 when the old size is beyond the checkpoint", async () => {
    expect(status(decide(formatAddCheckpointRequest(9, [], await main.note(5)), stateOf(main, 9)))).toBe(400);
  });

  it("answers 409 with the size it last cosigned when the old size is not that", async () => {
    const decision = decide(await main.body(3, 13), stateOf(main, 5));
    expect(decision.accepted).toBe(false);
    if (decision.accepted) return;
    expect(decision.response).toEqual({ status: 409, contentType: TLOG_SIZE_CONTENT_TYPE, body: "5\n" });
    expect(decision.signedByLog).toBe(true);
    const unseen = decide(await main.body(3, 13), null);
    expect(!unseen.accepted && unseen.response.body).toBe("0\n");
  });

  it("answers 422 to a bad proof, a rewritten tree of the same size, or a non-empty proof from zero", async () => {
    const wrongProof = formatAddCheckpointRequest(5, await main.proof(4, 13), await main.note(13));
    expect(status(decide(wrongProof, stateOf(main, 5)))).toBe(422);
    const fork = simulatedLog([...main.leaves.slice(0, 3), ...leaves("forged", 61)]);
    expect(status(decide(await fork.body(5, 5), stateOf(main, 5)))).toBe(422);
    expect(status(decide(await fork.body(5, 13), stateOf(main, 5)))).toBe(422);
    expect(status(decide(formatAddCheckpointRequest(0, await main.proof(3, 13), await main.note(13)), null))).toBe(422);
  });

  it("answers 422 to an empty tree whose root is not the empty root", async () => {
    const note = await signCheckpoint({ origin: ORIGIN, size: 0, rootHash: main.root(3) }, [logSigner]);
    expect(status(decide(formatAddCheckpointRequest(0, [], note), null))).toBe(422);
    const empty = await signCheckpoint({ origin: ORIGIN, size: 0, rootHash: EMPTY_TREE_ROOT }, [logSigner]);
    expect(status(decide(formatAddCheckpointRequest(0, [], empty), null))).toBe(200);
  });

  it("never cosigns a checkpoint inconsistent with the last one it cosigned (property)", async () => {
    const fork = simulatedLog([...main.leaves.slice(0, 20), ...leaves("forged", 44)]);
    const logs = [main, fork];
    const seen = { accepted: 0, refusedAfterFork: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            log: fc.integer({ min: 0, max: 1 }),
            grow: fc.integer({ min: 0, max: 12 }),
            absoluteSize: mostlyUndefined(fc.integer({ min: 0, max: 63 })),
            oldSize: mostlyUndefined(fc.integer({ min: 0, max: 63 })),
            proofFrom: fc.integer({ min: 0, max: 1 }),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        async (steps) => {
          let latest: WitnessLogState | null = null;
          let cosigned: { log: number; size: number } | null = null;
          for (const step of steps) {
            const log = logs[step.log];
            const latestSize: number = latest?.size ?? 0;
            // Mostly growth from the stored size, sometimes any size at all.
            const size = step.absoluteSize ?? Math.min(63, latestSize + step.grow);
            // Mostly honest requests from the stored size, sometimes a stale or invented one.
            const oldSize = Math.min(step.oldSize ?? latestSize, size);
            const proofLog = logs[step.proofFrom];
            const body = formatAddCheckpointRequest(oldSize, await proofLog.proof(oldSize, size), await log.note(size));
            const decision = decideAddCheckpoint({ request: parsed(body), logVerifiers, latest });
            if (!decision.accepted) {
              if (cosigned !== null && cosigned.size > 20 && step.log !== cosigned.log && size > 20) seen.refusedAfterFork++;
              continue;
            }
            seen.accepted++;
            expect(sameWitnessState(decision.expected, latest)).toBe(true);
            if (cosigned !== null) {
              // The new tree must contain the old one: same leaves up to the old size.
              const before = logs[cosigned.log].leaves.slice(0, cosigned.size);
              expect(size).toBeGreaterThanOrEqual(cosigned.size);
              expect(log.leaves.slice(0, cosigned.size)).toEqual(before);
            }
            latest = decision.next;
            cosigned = { log: step.log, size };
          }
        },
      ),
      { seed: 1965, numRuns: 150 },
    );
    // The runs did reach both sides of the fork.
    expect(seen.accepted).toBeGreaterThan(150);
    expect(seen.refusedAfterFork).toBeGreaterThan(10);
  });

  it("lets the caller's compare-and-set catch a concurrent request", async () => {
    // Two requests decided against the same stored state, as concurrent requests would be.
    const stored: { state: WitnessLogState | null } = { state: stateOf(main, 5) };
    const compareAndSet = (expected: WitnessLogState | null, next: WitnessLogState): boolean => {
      if (!sameWitnessState(stored.state, expected)) return false;
      stored.state = next;
      return true;
    };
    const bigger = decide(await main.body(5, 20), stored.state);
    const smaller = decide(await main.body(5, 9), stored.state);
    if (!bigger.accepted || !smaller.accepted) throw new Error("both requests are valid on their own");
    expect(compareAndSet(bigger.expected, bigger.next)).toBe(true);
    expect(compareAndSet(smaller.expected, smaller.next)).toBe(false);
    // Decided again against the new state, the smaller request is told the size to prove from.
    const retried = decide(await main.body(5, 9), stored.state);
    expect(!retried.accepted && retried.response.body).toBe("20\n");
    expect(stored.state?.size).toBe(20);
  });
});

it("serves a log's latest cosigned checkpoint under the SHA-256 of its origin", () => {
  const digest = createHash("sha256").update("example.com/log").digest("hex");
  expect(witnessCheckpointPath("example.com/log")).toBe(`${digest}/checkpoint`);
});
