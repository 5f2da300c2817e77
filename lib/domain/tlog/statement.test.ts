import { generateKeyPairSync, sign as nodeSign, type KeyObject } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, hashCanonical } from "../canonical";
import { generateLargeHandbook } from "../fixtures/large-handbook";
import { decodeUtf8, utf8 } from "./bytes";
import { ed25519PublicKeyFromSeed, ed25519SignFunction } from "./keys";
import {
  approvalHash,
  approvalPayload,
  contentHashOfSections,
  decodeStatement,
  encodeStatement,
  legacyApproval,
  MAX_STATEMENT_BYTES,
  sectionContentHash,
  signApproval,
  StatementError,
  statementHash,
  verifyApprovalSignature,
  type SignedApproval,
  type Statement,
  type StatementSection,
} from "./statement";

const reviewerSeed = new Uint8Array(32).fill(61);
const reviewerKey = ed25519PublicKeyFromSeed(reviewerSeed);
const BASE = "a".repeat(64);

function sections(): StatementSection[] {
  return [
    { id: "sec-1", slug: "ky-18", title: "Kỳ 18: Chuyển đổi số quốc gia", position: 0, contentHash: sectionContentHash('{"type":"doc"}') },
    { id: "sec-2", slug: "loi-tong-ket", title: "Lời tổng kết", position: 1, contentHash: sectionContentHash("Đây là nội dung.") },
  ];
}

async function sampleStatement(): Promise<Statement> {
  const parts = sections();
  const contentHash = contentHashOfSections(parts);
  const fields = { proposalId: "prop-42", baseStatementHash: BASE, approvedContentHash: contentHash, decision: "approve" as const };
  const signed = await signApproval({
    fields,
    reviewer: { id: "u-minh", name: "Lê Văn Minh" },
    publicKey: reviewerKey,
    sign: ed25519SignFunction(reviewerSeed),
  });
  return {
    document: "cam-nang-chuyen-doi-so",
    version: 2,
    sections: parts,
    contentHash,
    previousStatementHash: BASE,
    proposalId: "prop-42",
    // Deliberately out of canonical order: the encoder sorts by reviewer id.
    approvals: [signed, legacyApproval({ fields, reviewer: { id: "u-khoa", name: "Vũ Đăng Khoa" } })],
    publisher: { id: "u-admin", name: "Quản trị viên" },
    publishedAt: "2026-11-02T08:30:00.000Z",
    effectiveDate: "2026-12-01",
  };
}

function expectRefused(run: () => unknown, path?: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StatementError);
    if (path && error instanceof StatementError) expect(error.path).toBe(path);
    return;
  }
  throw new Error("expected the statement to be refused");
}

describe("the statement encoding", () => {
  it("writes one exact byte sequence (pinned)", () => {
    const parts: StatementSection[] = [{ id: "s1", slug: "muc-1", title: "Mục 1", position: 0, contentHash: "b".repeat(64) }];
    const statement: Statement = {
      document: "cam-nang",
      version: 1,
      sections: parts,
      contentHash: contentHashOfSections(parts),
      previousStatementHash: null,
      proposalId: null,
      approvals: [],
      publisher: { id: "u1", name: "Quản trị viên" },
      publishedAt: "2026-01-01T00:00:00.000Z",
      effectiveDate: null,
    };
    expect(decodeUtf8(encodeStatement(statement))).toBe(
      `{"approvals":[],"contentHash":"${statement.contentHash}","document":"cam-nang","effectiveDate":null,` +
        `"previousStatementHash":null,"proposalId":null,"publishedAt":"2026-01-01T00:00:00.000Z",` +
        `"publisher":{"id":"u1","name":"Quản trị viên"},` +
        `"sections":[{"contentHash":"${"b".repeat(64)}","id":"s1","position":0,"slug":"muc-1","title":"Mục 1"}],` +
        `"type":"camnangmo/statement/v1","version":1}`,
    );
  });

  it("decodes what it encodes, with approvals in canonical order", async () => {
    const statement = await sampleStatement();
    const bytes = encodeStatement(statement);
    const decoded = decodeStatement(bytes);
    expect(decoded.approvals.map((item) => item.reviewer.id)).toEqual(["u-khoa", "u-minh"]);
    expect(decoded).toEqual({ ...statement, approvals: [statement.approvals[1], statement.approvals[0]] });
    expect(encodeStatement(decoded)).toEqual(bytes);
    expect(statementHash(bytes)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses text that is not NFC when encoding", async () => {
    const statement = await sampleStatement();
    statement.sections[1] = { ...statement.sections[1], title: "Lời tổng kết".normalize("NFD") };
    expectRefused(() => encodeStatement(statement), "statement.sections[1].title");
    const fresh = await sampleStatement();
    expectRefused(() => encodeStatement({ ...fresh, publisher: { id: "u", name: "Quản trị viên".normalize("NFD") } }), "statement.publisher.name");
  });

  it("refuses every non-canonical spelling when decoding", async () => {
    const canonical = decodeUtf8(encodeStatement(await sampleStatement()));
    const variants = [
      canonical.replace('"version":2', '"version": 2'),
      `${canonical}\n`,
      `\ufeff${canonical}`,
      canonical.replace('"version":2', '"version":2.0'),
      canonical.replace('"version":2', '"version":2e0'),
      canonical.replace('"document":"cam-nang-chuyen-doi-so"', '"document":"cam-nang-chuyen-doi-s\\u006f"'),
      canonical.replace('"type":"camnangmo/statement/v1","version":2', '"version":2,"type":"camnangmo/statement/v1"'),
      canonical.replace('"version":2', '"version":2,"version":2'),
      canonical.replace('"version":2', '"version":2,"extra":null'),
      canonical.replace(',"effectiveDate":"2026-12-01"', ""),
      canonical.replace("Lời tổng kết", "Lời tổng kết".normalize("NFD")),
      canonical.replace('"version":2', '"version":2,"__proto__":null'),
      canonical.replace('"effectiveDate":"2026-12-01"', '"effectiveDate":"2026-02-30"'),
      canonical.replace('"publishedAt":"2026-11-02T08:30:00.000Z"', '"publishedAt":"2026-11-02T08:30:00Z"'),
      canonical.replace('"position":1', '"position":0'),
      canonical.replace('"u-khoa"', '"u-zz"'),
      canonical.replace('"signing":"unsigned-legacy"', '"signing":"none"'),
      canonical.replace('"decision":"approve"', '"decision":"approved"'),
    ];
    for (const variant of variants) {
      expect(variant, variant).not.toBe(canonical);
      expectRefused(() => decodeStatement(utf8(variant)));
    }
    expectRefused(() => decodeStatement(new Uint8Array([0xff, 0xfe])));
    expectRefused(() => decodeStatement(new Uint8Array(MAX_STATEMENT_BYTES + 1)));
    expectRefused(() => decodeStatement(utf8("[]")));
  });

  it("refuses a content hash or approval hash that does not match", async () => {
    const statement = await sampleStatement();
    expectRefused(() => encodeStatement({ ...statement, contentHash: "c".repeat(64) }), "statement.contentHash");
    const [signed, legacy] = statement.approvals;
    expectRefused(() => encodeStatement({ ...statement, approvals: [{ ...legacy, approvedContentHash: "c".repeat(64) }] }), "statement.approvals[0].approvalHash");
    expectRefused(() => encodeStatement({ ...statement, proposalId: "prop-43" }));
    if (signed.signing !== "ed25519") throw new Error("the first approval is signed");
    const otherKey = ed25519PublicKeyFromSeed(new Uint8Array(32).fill(62));
    expectRefused(() => encodeStatement({ ...statement, approvals: [{ ...signed, publicKey: Buffer.from(otherKey).toString("base64") }] }), "statement.approvals[0].keyFingerprint");
    expectRefused(() => encodeStatement({ ...statement, approvals: [], proposalId: null, sections: [...statement.sections, statement.sections[0]] }));
  });

  it("round-trips random statements and never accepts a mutated byte that is not canonical (property)", () => {
    const word = fc.constantFrom("Kỳ", "Chính phủ số", "dữ liệu", "Lời tổng kết", "ứng dụng", "a\"b", "back\\slash", "Ω", "😀", "\u2028");
    const phrase = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(" "));
    const arbitrarySections = fc
      .uniqueArray(fc.tuple(fc.stringMatching(/^[a-z0-9-]{1,12}$/), phrase, fc.nat({ max: 5 })), { minLength: 0, maxLength: 6, selector: ([id]) => id })
      .map((items) => {
        let position = 0;
        return items.map(([id, title, gap]): StatementSection => {
          position += gap + 1;
          return { id, slug: `s-${id}`, title, position, contentHash: sectionContentHash(title) };
        });
      });
    fc.assert(
      fc.property(arbitrarySections, phrase, fc.integer({ min: 1, max: 10_000 }), fc.nat(), fc.nat({ max: 255 }), (parts, name, version, at, byte) => {
        const statement: Statement = {
          document: "cam-nang",
          version,
          sections: parts,
          contentHash: contentHashOfSections(parts),
          previousStatementHash: version === 1 ? null : BASE,
          proposalId: null,
          approvals: [],
          publisher: { id: "p", name },
          publishedAt: new Date(Date.UTC(2026, 0, 1) + version * 1000).toISOString(),
          effectiveDate: null,
        };
        const bytes = encodeStatement(statement);
        expect(decodeStatement(bytes)).toEqual(statement);
        const mutated = bytes.slice();
        mutated[at % bytes.length] = byte;
        try {
          expect(encodeStatement(decodeStatement(mutated))).toEqual(mutated);
        } catch (error) {
          expect(error).toBeInstanceOf(StatementError);
        }
      }),
      { seed: 2026, numRuns: 300 },
    );
  });

  it("fits a 100,000-word handbook in one tile entry, hashing sections as their revisions are keyed", () => {
    const handbook = generateLargeHandbook({ words: 100_000, seed: 7 });
    const parts = handbook.sections.map((item, position): StatementSection => {
      const contentHash = sectionContentHash(canonicalJson(item.content));
      expect(contentHash).toBe(hashCanonical(item.content));
      return { id: item.id, slug: item.slug, title: item.title, position, contentHash };
    });
    const bytes = encodeStatement({
      document: handbook.slug,
      version: 12,
      sections: parts,
      contentHash: contentHashOfSections(parts),
      previousStatementHash: BASE,
      proposalId: null,
      approvals: [],
      publisher: { id: "u-admin", name: "Quản trị viên" },
      publishedAt: "2026-11-02T08:30:00.000Z",
      effectiveDate: null,
    });
    expect(bytes.length).toBeLessThan(MAX_STATEMENT_BYTES);
    expect(parts.length).toBeGreaterThan(20);
  });
});

describe("approvals", () => {
  it("signs the documented payload", () => {
    const payload = approvalPayload({ proposalId: "prop-42", baseStatementHash: null, approvedContentHash: "d".repeat(64), decision: "approve" });
    expect(decodeUtf8(payload)).toBe(`camnangmo/approval/v1\nproposal prop-42\nbase none\ncontent ${"d".repeat(64)}\ndecision approve\n`);
    expect(approvalHash(payload)).toMatch(/^[0-9a-f]{64}$/);
    expectRefused(() => approvalPayload({ proposalId: "a\nb", baseStatementHash: null, approvedContentHash: "d".repeat(64), decision: "approve" }));
  });

  it("verifies a reviewer's signature, and refuses it on other content or another proposal", async () => {
    const statement = await sampleStatement();
    const signed = statement.approvals.find((item): item is SignedApproval => item.signing === "ed25519");
    if (!signed) throw new Error("no signed approval");
    expect(verifyApprovalSignature(statement, signed)).toBe(true);
    expect(verifyApprovalSignature({ proposalId: "prop-43" }, signed)).toBe(false);
    expect(verifyApprovalSignature(statement, { ...signed, approvedContentHash: "e".repeat(64) })).toBe(false);
    expect(verifyApprovalSignature(statement, { ...signed, decision: "reject" })).toBe(false);
  });

  it("accepts an approval signed with node:crypto (the signing the server or WebCrypto does)", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const raw = rawPublicKey(publicKey);
    const fields = { proposalId: "prop-7", baseStatementHash: BASE, approvedContentHash: "f".repeat(64), decision: "approve" as const };
    const signed = await signApproval({
      fields,
      reviewer: { id: "u", name: "Người duyệt" },
      publicKey: raw,
      sign: (message) => new Uint8Array(nodeSign(null, message, privateKey)),
    });
    expect(verifyApprovalSignature({ proposalId: "prop-7" }, signed)).toBe(true);
  });

  it("refuses to record a signature made with a different key than the one named", async () => {
    const fields = { proposalId: "prop-7", baseStatementHash: BASE, approvedContentHash: "f".repeat(64), decision: "approve" as const };
    await expect(
      signApproval({ fields, reviewer: { id: "u", name: "N" }, publicKey: reviewerKey, sign: ed25519SignFunction(new Uint8Array(32).fill(1)) }),
    ).rejects.toThrow(/does not verify/);
  });
});

function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: "jwk" });
  if (typeof jwk.x !== "string") throw new Error("not an OKP key");
  return new Uint8Array(Buffer.from(jwk.x, "base64url"));
}
