import { describe, expect, it } from "vitest";
import { FormatError } from "./bytes";
import { signCheckpoint } from "./checkpoint";
import { cosignatureLines, cosigner, type Cosigner } from "./cosignature";
import { ed25519PublicKeyFromSeed, ed25519SignFunction } from "./keys";
import { addSignatures, formatVerifierKey, noteSigner, SIGNATURE_TYPE_COSIGNATURE, SIGNATURE_TYPE_ED25519, verifierKey } from "./note";
import { formatPolicy, parsePolicy, quorumMet, verifyCheckpointWithPolicy } from "./policy";

function keys(seedByte: number) {
  const seed = new Uint8Array(32).fill(seedByte);
  return { publicKey: ed25519PublicKeyFromSeed(seed), sign: ed25519SignFunction(seed) };
}

const ORIGIN = "camnang.example/log";
const log = keys(31);
const logVkey = formatVerifierKey(verifierKey(ORIGIN, SIGNATURE_TYPE_ED25519, log.publicKey));
const witnessNames = ["X1", "X2", "X3", "Y1", "Y2", "Y3"];
const witnessKeys = new Map(witnessNames.map((name, index) => [name, keys(40 + index)]));
function keysOf(name: string) {
  const found = witnessKeys.get(name);
  if (!found) throw new Error(`no witness ${name}`);
  return found;
}
const witnessVkey = (name: string) =>
  formatVerifierKey(verifierKey(`${name.toLowerCase()}.witness.example`, SIGNATURE_TYPE_COSIGNATURE, keysOf(name).publicKey));
const witnessCosigner = (name: string): Cosigner => cosigner({ name: `${name.toLowerCase()}.witness.example`, ...keysOf(name) });

// The example of the tlog-policy specification, with real keys.
const EXAMPLE = `log ${logVkey}

witness X1 ${witnessVkey("X1")}
witness X2 ${witnessVkey("X2")}
witness X3 ${witnessVkey("X3")}
group X-witnesses 2 X1 X2 X3

witness Y1 ${witnessVkey("Y1")}
witness Y2 ${witnessVkey("Y2")}
witness Y3 ${witnessVkey("Y3")}
group Y-witnesses any Y1 Y2 Y3

group X-and-Y all X-witnesses Y-witnesses
quorum X-and-Y
`;

describe("policy files", () => {
  it("reads the specification's example", () => {
    const policy = parsePolicy(EXAMPLE);
    expect(policy.logs).toHaveLength(1);
    expect(policy.witnesses.map((witness) => witness.name)).toEqual(witnessNames);
    expect(policy.groups).toEqual([
      { name: "X-witnesses", threshold: 2, members: ["X1", "X2", "X3"] },
      { name: "Y-witnesses", threshold: "any", members: ["Y1", "Y2", "Y3"] },
      { name: "X-and-Y", threshold: "all", members: ["X-witnesses", "Y-witnesses"] },
    ]);
    expect(policy.quorum).toBe("X-and-Y");
    expect(parsePolicy(formatPolicy(policy))).toEqual(policy);
  });

  it("meets the quorum for exactly the subsets it describes", () => {
    const policy = parsePolicy(EXAMPLE);
    for (let mask = 0; mask < 64; mask++) {
      const cosigned = new Set(witnessNames.filter((_, bit) => (mask >> bit) & 1));
      const xs = ["X1", "X2", "X3"].filter((name) => cosigned.has(name)).length;
      const ys = ["Y1", "Y2", "Y3"].filter((name) => cosigned.has(name)).length;
      expect(quorumMet(policy, cosigned), [...cosigned].join(",")).toBe(xs >= 2 && ys >= 1);
    }
    expect(quorumMet(policy, new Set(["X1", "X2", "Y-witnesses"]))).toBe(false);
  });

  it("accepts comments, blank lines, tabs, URLs and quorum none", () => {
    const policy = parsePolicy(`# trusted\n\t log ${logVkey}   https://camnang.example/log/ \n  # comment\nquorum\tnone\n`);
    expect(policy.logs[0].url).toBe("https://camnang.example/log/");
    expect(quorumMet(policy, new Set())).toBe(true);
  });

  const x1 = `witness X1 ${witnessVkey("X1")}\n`;
  const x2 = `witness X2 ${witnessVkey("X2")}\n`;
  const sameKeyOtherName = formatVerifierKey(verifierKey("x9.witness.example", SIGNATURE_TYPE_COSIGNATURE, keysOf("X1").publicKey));
  it.each([
    ["no quorum", `log ${logVkey}\n`],
    ["two quorums", `${x1}quorum X1\nquorum X1\n`],
    ["an undefined quorum", `${x1}quorum X2\n`],
    ["a quorum defined later", `quorum X1\n${x1}`],
    ["a duplicate log key", `log ${logVkey}\nlog ${formatVerifierKey(verifierKey("other.example/log", SIGNATURE_TYPE_ED25519, log.publicKey))}\nquorum none\n`],
    ["a duplicate witness key", `${x1}witness X9 ${sameKeyOtherName}\nquorum X1\n`],
    ["a name defined twice", `${x1}witness X1 ${witnessVkey("X2")}\nquorum X1\n`],
    ["a witness named none", `witness none ${witnessVkey("X1")}\nquorum none\n`],
    ["none as a member", `${x1}group G any X1 none\nquorum G\n`],
    ["an undefined member", `${x1}group G any X1 X2\nquorum G\n`],
    ["a member listed twice", `${x1}${x2}group G any X1 X1\nquorum G\n`],
    ["a member of two groups", `${x1}${x2}group G any X1\ngroup H any X1 X2\nquorum H\n`],
    ["a threshold of 0", `${x1}group G 0 X1\nquorum G\n`],
    ["a threshold above the members", `${x1}${x2}group G 3 X1 X2\nquorum G\n`],
    ["a threshold with a leading zero", `${x1}${x2}group G 02 X1 X2\nquorum G\n`],
    ["a group with no members", `group G any\nquorum none\n`],
    ["an unknown keyword", `${x1}witnesses X2 ${witnessVkey("X2")}\nquorum X1\n`],
    ["extra fields", `${x1}quorum X1 X2\n`],
    ["a witness key of the log type", `witness L ${logVkey}\nquorum L\n`],
    ["a log key of the witness type", `log ${witnessVkey("X1")}\nquorum none\n`],
    ["a carriage return", `${x1}quorum X1\r\n`],
    ["no final newline", `${x1}quorum X1`],
    ["a bad vkey", `log ${logVkey.slice(0, -2)}\nquorum none\n`],
  ])("refuses %s", (_, text) => {
    expect(() => parsePolicy(text)).toThrow(FormatError);
  });
});

describe("checking a checkpoint against a policy", () => {
  const policy = parsePolicy(EXAMPLE);
  const logSigner = noteSigner({ name: ORIGIN, ...log });
  const signed = () => signCheckpoint({ origin: ORIGIN, size: 4, rootHash: new Uint8Array(32).fill(1) }, [logSigner]);
  async function cosignedBy(names: string[], note?: string): Promise<string> {
    const base = note ?? (await signed());
    const text = base.slice(0, base.indexOf("\n\n") + 1);
    return addSignatures(base, await cosignatureLines(text, names.map(witnessCosigner), 1_750_000_000));
  }

  it("accepts a checkpoint signed by the log and cosigned by a quorum", async () => {
    const result = verifyCheckpointWithPolicy(await cosignedBy(["X1", "X3", "Y2"]), policy);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.checkpoint.size).toBe(4);
    expect(result.cosignatures).toEqual([
      { witness: "X1", timestamp: 1_750_000_000 },
      { witness: "X3", timestamp: 1_750_000_000 },
      { witness: "Y2", timestamp: 1_750_000_000 },
    ]);
  });

  it("refuses a checkpoint short of the quorum, or cosigned by witnesses the policy does not know", async () => {
    const short = verifyCheckpointWithPolicy(await cosignedBy(["X1", "Y2"]), policy);
    expect(!short.ok && short.reason).toBe("quorum_not_met");
    const stranger = cosigner({ name: "x2.witness.example", ...keys(99) });
    const base = await cosignedBy(["X1", "Y2"]);
    const withStranger = addSignatures(base, await cosignatureLines(base.slice(0, base.indexOf("\n\n") + 1), [stranger], 1));
    const result = verifyCheckpointWithPolicy(withStranger, policy);
    expect(!result.ok && result.reason).toBe("quorum_not_met");
  });

  it("refuses a broken cosignature from a known witness", async () => {
    const note = await cosignedBy(["X1", "X2", "Y1"]);
    const lines = note.split("\n");
    const last = lines.length - 2;
    lines[last] = lines[last].slice(0, -6) + (lines[last].at(-6) === "A" ? "B" : "A") + lines[last].slice(-5);
    const result = verifyCheckpointWithPolicy(lines.join("\n"), policy);
    expect(!result.ok && result.reason).toBe("cosignature_invalid");
  });

  it("refuses a checkpoint of another origin, or without the log's valid signature", async () => {
    const other = await signCheckpoint({ origin: "elsewhere.example/log", size: 4, rootHash: new Uint8Array(32) }, [
      noteSigner({ name: "elsewhere.example/log", ...log }),
    ]);
    const unknown = verifyCheckpointWithPolicy(other, policy);
    expect(!unknown.ok && unknown.reason).toBe("unknown_log");
    const forged = await signCheckpoint({ origin: ORIGIN, size: 4, rootHash: new Uint8Array(32).fill(1) }, [noteSigner({ name: ORIGIN, ...keys(98) })]);
    const missing = verifyCheckpointWithPolicy(await cosignedBy(["X1", "X2", "Y1"], forged), policy);
    expect(!missing.ok && missing.reason).toBe("log_signature_missing");
    const note = await cosignedBy(["X1", "X2", "Y1"]);
    const tampered = note.replace("\n4\n", "\n5\n");
    const invalid = verifyCheckpointWithPolicy(tampered, policy);
    expect(!invalid.ok && invalid.reason).toBe("log_signature_invalid");
    const malformed = verifyCheckpointWithPolicy("not a note", policy);
    expect(!malformed.ok && malformed.reason).toBe("malformed_checkpoint");
  });
});
