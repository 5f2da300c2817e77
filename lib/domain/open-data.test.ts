import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { archiveProblems, consultationPath, isSafeArchivePath, manifestBytes, parseManifest, versionPaths, type ManifestConsultation, type ManifestDocument } from "./open-data";
import { utf8 } from "./tlog/bytes";

function sampleArchive(): { manifest: Uint8Array; files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>([
    ["log/checkpoint", utf8("origin\n2\nroot\n")],
    ["log/policy", utf8("log key\n")],
    ["keys.json", utf8('{"keys":[]}')],
  ]);
  const document: ManifestDocument = { slug: "cam-nang", title: "Cẩm nang", versions: [] };
  let prevHash: string | null = null;
  for (const number of [1, 2]) {
    const paths = versionPaths("cam-nang", number);
    files.set(paths.content, utf8(`{"version":${number}}`));
    files.set(paths.statement, utf8(`statement ${number}`));
    files.set(paths.proof, utf8(`proof ${number}`));
    const hash = String(number).repeat(64);
    document.versions.push({ number, hash, prevHash, publishedAt: "2026-12-01T00:00:00.000Z", effectiveFrom: "2026-12-01", logIndex: number - 1, ...paths });
    prevHash = hash;
  }
  const consultation: ManifestConsultation = { proposalId: "cmproposal1", document: "cam-nang", opensAt: "2026-12-01T00:00:00.000Z", closesAt: "2027-01-01T00:00:00.000Z", path: consultationPath("cmproposal1") };
  files.set(consultation.path, utf8('{"comments":[]}'));
  const manifest = manifestBytes(
    { log: { origin: "origin", size: 2, checkpoint: "log/checkpoint", policy: "log/policy" }, keys: "keys.json", documents: [document], consultations: [consultation] },
    [...files].map(([path, bytes]) => ({ path, bytes })),
  );
  return { manifest, files };
}

describe("the open data manifest", () => {
  it("lists every file with its size and digest, sorted, and finds nothing wrong with its own archive", () => {
    const { manifest, files } = sampleArchive();
    const parsed = parseManifest(manifest);
    expect(parsed.files.map((file) => file.path)).toEqual([...files.keys()].sort());
    expect(archiveProblems(parsed, files)).toEqual([]);
  });

  it("is the same bytes whatever order the files come in", () => {
    const { files } = sampleArchive();
    const entries = [...files].map(([path, bytes]) => ({ path, bytes }));
    const input = { log: { origin: "o", size: 2, checkpoint: "log/checkpoint", policy: "log/policy" }, keys: "keys.json", documents: [], consultations: [] };
    fc.assert(fc.property(fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }), (shuffled) => {
      expect(manifestBytes(input, shuffled)).toEqual(manifestBytes(input, entries));
    }));
  });

  it("finds a changed byte, a missing file, an extra file and a broken chain", () => {
    const { manifest, files } = sampleArchive();
    const parsed = parseManifest(manifest);
    const changed = new Map(files);
    const content = versionPaths("cam-nang", 2).content;
    const bytes = Uint8Array.from(changed.get(content)!);
    bytes[2] ^= 1;
    changed.set(content, bytes);
    expect(archiveProblems(parsed, changed)).toEqual([expect.stringContaining(`${content}:`)]);
    const missing = new Map(files);
    missing.delete("keys.json");
    expect(archiveProblems(parsed, missing)).toEqual(["keys.json: listed in the manifest, missing from the archive"]);
    const extra = new Map(files).set("documents/cam-nang/extra.json", utf8("{}"));
    expect(archiveProblems(parsed, extra)).toEqual(["documents/cam-nang/extra.json: in the archive, not listed in the manifest"]);
    parsed.documents[0].versions[1].prevHash = "f".repeat(64);
    expect(archiveProblems(parsed, files)).toEqual([expect.stringContaining("prevHash")]);
  });

  it("names every consultation's file, where its proposal says, and reads a manifest made before consultations were archived", () => {
    const { manifest, files } = sampleArchive();
    const parsed = parseManifest(manifest);
    expect(parsed.consultations.map((consultation) => consultation.path)).toEqual(["consultations/cmproposal1.json"]);
    const without = new Map(files);
    without.delete("consultations/cmproposal1.json");
    expect(archiveProblems(parsed, without)).toEqual(["consultations/cmproposal1.json: listed in the manifest, missing from the archive"]);
    const unlisted = parseManifest(manifest);
    unlisted.files = unlisted.files.filter((file) => file.path !== "consultations/cmproposal1.json");
    expect(archiveProblems(unlisted, without)).toEqual(["consultations/cmproposal1.json: named in the manifest but not among its files"]);
    const elsewhere = parseManifest(manifest);
    elsewhere.consultations[0].path = "keys.json";
    expect(archiveProblems(elsewhere, files)).toEqual([expect.stringContaining("its file should be consultations/cmproposal1.json")]);

    const older = JSON.parse(new TextDecoder().decode(manifest)) as Record<string, unknown>;
    delete older.consultations;
    expect(parseManifest(utf8(JSON.stringify(older))).consultations).toEqual([]);
    expect(() => parseManifest(utf8(JSON.stringify({ ...older, consultations: [{ proposalId: 7 }] })))).toThrow(/malformed consultation/);
  });

  it("refuses paths that could leave the mirror's directory", () => {
    for (const path of ["../etc/passwd", "/etc/passwd", "documents/../../x", "a//b", "a\\b", "", ".hidden", "documents/./x"]) expect(isSafeArchivePath(path), path).toBe(false);
    for (const path of ["manifest.json", "documents/cam-nang-chuyen-doi-so/versions/12.tlog-proof", "log/checkpoint"]) expect(isSafeArchivePath(path), path).toBe(true);
    const { files } = sampleArchive();
    const hostile = JSON.parse(new TextDecoder().decode(sampleArchive().manifest));
    hostile.files.push({ path: "../outside", bytes: 0, sha256: "0".repeat(64) });
    expect(() => parseManifest(utf8(JSON.stringify(hostile)))).toThrow(/unsafe/);
    expect(files.size).toBeGreaterThan(0);
  });

  it("refuses what is not a manifest of this format", () => {
    expect(() => parseManifest(utf8("nope"))).toThrow(/not JSON/);
    expect(() => parseManifest(utf8('{"format":"other"}'))).toThrow(/camnangmo\/open-data\/v1/);
  });
});
