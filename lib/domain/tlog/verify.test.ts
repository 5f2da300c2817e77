import { describe, expect, it } from "vitest";
import { decodeUtf8, utf8 } from "./bytes";
import { signCheckpoint } from "./checkpoint";
import { cosigner, type Cosigner } from "./cosignature";
import { ed25519PublicKeyFromSeed, ed25519SignFunction } from "./keys";
import { arrayHashReader, consistencyProof, inclusionProof, rootFromLeafHashes } from "./merkle";
import { addSignatures, formatVerifierKey, noteSigner, SIGNATURE_TYPE_COSIGNATURE, SIGNATURE_TYPE_ED25519, verifierKey, type NoteSigner } from "./note";
import { logVerifiersOf, parsePolicy } from "./policy";
import { formatTlogProof } from "./proof-file";
import {
  contentHashOfSections,
  encodeStatement,
  legacyApproval,
  sectionContentHash,
  signApproval,
  statementHash,
  statementLeafHash,
  type Statement,
  type StatementSection,
} from "./statement";
import { verifyConsistencyBetween, verifyVersionOffline, type VersionSection } from "./verify";
import { cosignAccepted, decideAddCheckpoint, formatAddCheckpointRequest, parseAddCheckpointRequest, type WitnessLogState } from "./witness";

const ORIGIN = "camnang.example/log";

function keys(seedByte: number) {
  const seed = new Uint8Array(32).fill(seedByte);
  return { publicKey: ed25519PublicKeyFromSeed(seed), sign: ed25519SignFunction(seed) };
}

const logKeys = keys(71);
const logSigner = noteSigner({ name: ORIGIN, ...logKeys });
const witnesses = ["w1", "w2", "w3"].map((name, index) => ({ name, keys: keys(80 + index) }));
const POLICY_TEXT = [
  `log ${formatVerifierKey(verifierKey(ORIGIN, SIGNATURE_TYPE_ED25519, logKeys.publicKey))}`,
  ...witnesses.map((w) => `witness ${w.name} ${formatVerifierKey(verifierKey(`${w.name}.example`, SIGNATURE_TYPE_COSIGNATURE, w.keys.publicKey))}`),
  "group witnesses 2 w1 w2 w3",
  "quorum witnesses",
  "",
].join("\n");
const policy = parsePolicy(POLICY_TEXT);
const reviewer = keys(90);

/** One witness: its key and the state it keeps, deciding with the real add-checkpoint logic. */
function witness(index: number) {
  const signer: Cosigner = cosigner({ name: `${witnesses[index].name}.example`, ...witnesses[index].keys });
  const logVerifiers = logVerifiersOf(policy);
  let latest: WitnessLogState | null = null;
  return {
    async add(note: string, oldSize: number, proof: Uint8Array[]): Promise<string> {
      const parsed = parseAddCheckpointRequest(formatAddCheckpointRequest(oldSize, proof, note));
      if (!parsed.ok) throw new Error(parsed.response.body);
      const decision = decideAddCheckpoint({ request: parsed.request, logVerifiers, latest });
      if (!decision.accepted) throw new Error(`witness refused: ${decision.response.status} ${decision.response.body}`);
      const { response } = await cosignAccepted(decision, [signer], 1_780_000_000 + oldSize);
      latest = decision.next;
      return response.body;
    },
    get size() {
      return latest?.size ?? 0;
    },
  };
}

interface PublishedVersion {
  sections: VersionSection[];
  statement: Uint8Array;
  note: string;
}

/** Publishes versions into a log, each checkpoint cosigned by the given witnesses. */
async function publish(versionTexts: string[][], cosigningWitnesses: number[] = [0, 1, 2], signer: NoteSigner = logSigner) {
  const ws = cosigningWitnesses.map(witness);
  const entries: Uint8Array[] = [];
  const versions: PublishedVersion[] = [];
  let previous: string | null = null;
  for (const [number, texts] of versionTexts.entries()) {
    const sections: VersionSection[] = texts.map((content, position) => ({ id: `sec-${position}`, slug: `muc-${position}`, title: `Mục ${position}`, position, content }));
    const committed: StatementSection[] = sections.map(({ content, ...rest }) => ({ ...rest, contentHash: sectionContentHash(content) }));
    const contentHash = contentHashOfSections(committed);
    const fields = { proposalId: `prop-${number}`, baseStatementHash: previous, approvedContentHash: contentHash, decision: "approve" as const };
    const statement: Statement = {
      document: "cam-nang",
      version: number + 1,
      sections: committed,
      contentHash,
      previousStatementHash: previous,
      proposalId: `prop-${number}`,
      approvals: [
        await signApproval({ fields, reviewer: { id: "u-minh", name: "Lê Văn Minh" }, publicKey: reviewer.publicKey, sign: reviewer.sign }),
        legacyApproval({ fields, reviewer: { id: "u-thu", name: "Đỗ Thị Thu" } }),
      ],
      publisher: { id: "u-admin", name: "Quản trị viên" },
      publishedAt: new Date(Date.UTC(2026, 10, 1 + number)).toISOString(),
      effectiveDate: null,
    };
    const bytes = encodeStatement(statement);
    entries.push(statementLeafHash(bytes));
    const size = entries.length;
    let note = await signCheckpoint({ origin: ORIGIN, size, rootHash: rootFromLeafHashes(entries) }, [signer]);
    const reader = arrayHashReader(entries);
    for (const w of ws) note = addSignatures(note, await w.add(note, w.size, await consistencyProof(reader, w.size, size)));
    versions.push({ sections, statement: bytes, note });
    previous = statementHash(bytes);
  }
  const reader = arrayHashReader(entries);
  const proofFor = async (index: number, note = versions[versions.length - 1].note, size = entries.length) =>
    formatTlogProof({ extra: null, index, inclusionProof: await inclusionProof(reader, index, size), checkpoint: note });
  return { versions, proofFor, reader };
}

const HISTORY = [
  ["Lời mở đầu.", "Chính phủ số phục vụ người dân."],
  ["Lời mở đầu.", "Chính phủ số phục vụ người dân và doanh nghiệp."],
  ["Lời mở đầu, sửa lại.", "Chính phủ số phục vụ người dân và doanh nghiệp.", "Phụ lục."],
];

describe("verifying a version offline", () => {
  it("accepts every version of a log cosigned by a quorum, with the latest checkpoint", async () => {
    const log = await publish(HISTORY);
    for (const [index, version] of log.versions.entries()) {
      const result = verifyVersionOffline({ sections: version.sections, statement: version.statement, proof: await log.proofFor(index), policy: POLICY_TEXT });
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (!result.ok) continue;
      expect(result.leafIndex).toBe(index);
      expect(result.statement.version).toBe(index + 1);
      expect(result.checkpoint.size).toBe(3);
      expect(result.cosignatures.map((c) => c.witness)).toEqual(["w1", "w2", "w3"]);
      expect(result.unsignedLegacyApprovals).toBe(1);
    }
  });

  it("names the section whose content differs from what was published", async () => {
    const log = await publish(HISTORY);
    const version = log.versions[1];
    const changed = version.sections.map((section, index) => (index === 1 ? { ...section, content: `${section.content} ` } : section));
    const result = verifyVersionOffline({ sections: changed, statement: version.statement, proof: await log.proofFor(1), policy });
    expect(result).toMatchObject({ ok: false, reason: "section_content_mismatch", sectionId: "sec-1" });
    const nfd = version.sections.map((section) => ({ ...section, content: String(section.content).normalize("NFD") }));
    expect(verifyVersionOffline({ sections: nfd, statement: version.statement, proof: await log.proofFor(1), policy })).toMatchObject({
      ok: false,
      reason: "section_content_mismatch",
    });
  });

  it("refuses reordered, renamed or missing sections", async () => {
    const log = await publish(HISTORY);
    const version = log.versions[2];
    const proof = await log.proofFor(2);
    const check = (sections: VersionSection[]) => verifyVersionOffline({ sections, statement: version.statement, proof, policy });
    expect(check([...version.sections].reverse())).toMatchObject({ ok: false, reason: "section_list_mismatch" });
    expect(check(version.sections.slice(1))).toMatchObject({ ok: false, reason: "section_list_mismatch" });
    expect(check(version.sections.map((s, i) => (i === 0 ? { ...s, title: "Khác" } : s)))).toMatchObject({ ok: false, reason: "section_list_mismatch", sectionId: "sec-0" });
  });

  it("refuses a statement that is not canonical, or not the version asked for", async () => {
    const log = await publish(HISTORY);
    const version = log.versions[0];
    const spaced = utf8(decodeUtf8(version.statement).replace('"version":1', '"version": 1'));
    expect(verifyVersionOffline({ sections: version.sections, statement: spaced, proof: await log.proofFor(0), policy })).toMatchObject({
      ok: false,
      reason: "statement_invalid",
    });
    expect(
      verifyVersionOffline({ sections: version.sections, statement: version.statement, proof: await log.proofFor(0), policy, expect: { document: "cam-nang", version: 2 } }),
    ).toMatchObject({ ok: false, reason: "statement_mismatch" });
  });

  it("refuses a statement at another index of the log than the proof's", async () => {
    const log = await publish(HISTORY);
    const version = log.versions[0];
    expect(verifyVersionOffline({ sections: version.sections, statement: version.statement, proof: await log.proofFor(1), policy })).toMatchObject({
      ok: false,
      reason: "inclusion_failed",
    });
  });

  it("refuses an approval whose signature does not cover its fields", async () => {
    const log = await publish(HISTORY);
    const [first, second] = log.versions.map((version) => JSON.parse(decodeUtf8(version.statement)) as { approvals: { signature: string | null }[] });
    first.approvals[0].signature = second.approvals[0].signature;
    const forged = utf8(JSON.stringify(first));
    const result = verifyVersionOffline({ sections: log.versions[0].sections, statement: forged, proof: await log.proofFor(0), policy });
    expect(result).toMatchObject({ ok: false, reason: "approval_signature_invalid" });
  });

  it("refuses a checkpoint short of the witness quorum", async () => {
    const log = await publish(HISTORY, [1]);
    const version = log.versions[2];
    const result = verifyVersionOffline({ sections: version.sections, statement: version.statement, proof: await log.proofFor(2), policy });
    expect(result).toMatchObject({ ok: false, reason: "quorum_not_met" });
  });

  it("refuses a freshly made one-entry log signed by a key the policy does not list", async () => {
    const impostor = noteSigner({ name: ORIGIN, ...keys(99) });
    const forged = await publish([HISTORY[0]], [], impostor);
    const version = forged.versions[0];
    const result = verifyVersionOffline({ sections: version.sections, statement: version.statement, proof: await forged.proofFor(0), policy });
    expect(result).toMatchObject({ ok: false, reason: "log_signature_missing" });
  });

  it("refuses a malformed proof file or policy", async () => {
    const log = await publish([HISTORY[0]]);
    const version = log.versions[0];
    const proof = await log.proofFor(0);
    expect(verifyVersionOffline({ sections: version.sections, statement: version.statement, proof: proof.slice(1), policy })).toMatchObject({
      ok: false,
      reason: "proof_file_invalid",
    });
    expect(verifyVersionOffline({ sections: version.sections, statement: version.statement, proof, policy: "quorum\n" })).toMatchObject({
      ok: false,
      reason: "policy_invalid",
    });
  });
});

describe("consistency between checkpoints a client holds", () => {
  const verifiers = logVerifiersOf(policy);

  it("accepts a later checkpoint of the same log, in either order", async () => {
    const log = await publish(HISTORY, []);
    const [, second, third] = log.versions;
    const forward = verifyConsistencyBetween(second.note, third.note, await consistencyProof(log.reader, 2, 3), verifiers);
    expect(forward).toMatchObject({ ok: true, latest: "new" });
    const backward = verifyConsistencyBetween(third.note, second.note, await consistencyProof(log.reader, 2, 3), verifiers);
    expect(backward).toMatchObject({ ok: true, latest: "old" });
    expect(verifyConsistencyBetween(third.note, third.note, [], verifiers)).toMatchObject({ ok: true });
  });

  it("reports a SECURITY ERROR with both notes when the log forks", async () => {
    const main = await publish(HISTORY, []);
    const fork = await publish([HISTORY[0], HISTORY[1], ["Một lịch sử khác."]], []);
    const kept = main.versions[2].note;
    const received = fork.versions[2].note;
    const result = verifyConsistencyBetween(kept, received, [], verifiers);
    expect(result.ok).toBe(false);
    if (result.ok || !result.security) throw new Error("expected a security error");
    expect(result.message.startsWith("SECURITY ERROR\n")).toBe(true);
    expect(result.message).toContain(kept.split("\n")[2]);
    expect(result.message).toContain(received.split("\n")[2]);
    expect(result.oldNote).toBe(kept);
    expect(result.newNote).toBe(received);

    const forkedLonger = await publish([...HISTORY.slice(0, 2), ["Một lịch sử khác."], ["Và tiếp."]], []);
    const proofFromFork = await consistencyProof(forkedLonger.reader, 3, 4);
    const longer = verifyConsistencyBetween(kept, forkedLonger.versions[3].note, proofFromFork, verifiers);
    expect(longer).toMatchObject({ ok: false, security: true, reason: "inconsistent" });
  });

  it("does not call a bad signature a fork", async () => {
    const log = await publish(HISTORY, []);
    const impostor = await signCheckpoint({ origin: ORIGIN, size: 9, rootHash: new Uint8Array(32) }, [noteSigner({ name: ORIGIN, ...keys(98) })]);
    expect(verifyConsistencyBetween(log.versions[0].note, impostor, [], verifiers)).toMatchObject({ ok: false, security: false, reason: "new_checkpoint_invalid" });
  });
});
