import { describe, expect, it } from "vitest";
import type { DocumentSnapshot } from "./document";
import { snapshotHash, verifyChain, versionHash, type StoredVersion } from "./version-hash";

const snapshot = (text: string): DocumentSnapshot => ({
  slug: "cam-nang",
  title: "Cẩm nang chuyển đổi số",
  sections: [{ id: "s1", slug: "muc-1", title: "Mục 1", content: { type: "doc", content: [{ type: "paragraph", attrs: { id: "b1" }, content: [{ type: "text", text }] }] } }],
});

function chain(texts: string[]): StoredVersion[] {
  const versions: StoredVersion[] = [];
  for (const [index, text] of texts.entries()) {
    const prevHash = versions.at(-1)?.hash ?? null;
    const snap = snapshot(text);
    versions.push({ number: index + 1, prevHash, snapshot: snap, hash: versionHash({ number: index + 1, prevHash, contentHash: snapshotHash(snap) }) });
  }
  return versions;
}

describe("version hash chain", () => {
  it("hashes NFC and NFD spellings of the same text identically", () => {
    expect(snapshotHash(snapshot("Chính phủ số".normalize("NFD")))).toBe(snapshotHash(snapshot("Chính phủ số")));
  });

  it("ignores null attributes that a Yjs round trip drops", () => {
    const withNull = snapshot("a");
    withNull.sections[0].content.content[0].attrs = { id: "b1", textAlign: null };
    expect(snapshotHash(withNull)).toBe(snapshotHash(snapshot("a")));
  });

  it("verifies an intact chain", () => {
    expect(verifyChain(chain(["một", "hai", "ba"]))).toMatchObject({ ok: true, versions: 3 });
  });

  it("finds the first version whose content was altered", () => {
    const versions = chain(["một", "hai", "ba"]);
    versions[1] = { ...versions[1], snapshot: snapshot("hai (sửa lén)") };
    expect(verifyChain(versions)).toEqual({ ok: false, versions: 3, failedAt: 2, reason: "content_hash_mismatch" });
  });

  it("detects a version that no longer points at its predecessor", () => {
    const versions = chain(["một", "hai", "ba"]);
    versions[2] = { ...versions[2], prevHash: "0".repeat(64) };
    expect(verifyChain(versions)).toMatchObject({ ok: false, failedAt: 3, reason: "chain_broken" });
  });

  it("detects a missing version number", () => {
    const versions = chain(["một", "hai", "ba"]);
    expect(verifyChain([versions[0], versions[2]])).toMatchObject({ ok: false, failedAt: 3, reason: "number_gap" });
  });
});
