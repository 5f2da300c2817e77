import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProposal } from "../../db/proposals";
import { DAY_MS } from "../../domain/consultation";
import { plainText, type SectionContent } from "../../domain/document";
import { archiveProblems, consultationPath, MANIFEST_PATH, parseManifest, versionPaths } from "../../domain/open-data";
import { decodeBase64, verifyVersionOffline, type VersionSection } from "../../domain/tlog";
import { actorByEmail } from "../../testing/actors";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { addConsultationComment } from "../consultation/add-consultation-comment";
import { answerConsultationComment } from "../consultation/answer-consultation-comment";
import { consultationJson, getConsultationView } from "../consultation/consultation-view";
import { moderateConsultationComment } from "../consultation/moderate-consultation-comment";
import { openConsultation } from "../consultation/open-consultation";
import { readLogPolicy, readServedCheckpoint, readVersionProofFile } from "../log/read-log";
import { createProposal } from "../proposals/create-proposal";
import { offlineDraftWriter } from "../proposals/draft-writer";
import { publishProposal } from "../proposals/publish-proposal";
import { submitProposal } from "../proposals/submit-proposal";
import { createThrowawaySigner } from "../proposals/throwaway-signer";
import { publishedDocumentJson, readPublishedDocument } from "../read-document";
import { buildOpenDataArchive } from "./build-open-data-archive";

const SLUG = "cam-nang-chuyen-doi-so";
const engines = await availableEngines();

async function unzip(bytes: Buffer): Promise<{ names: string[]; files: Map<string, Uint8Array> }> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  const files = new Map<string, Uint8Array>();
  for (const name of names) files.set(name, await zip.files[name].async("uint8array"));
  return { names, files };
}

describe.each(engines)("the open data archive on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("holds every version, statement and proof, byte for byte what the API serves, listed in its manifest", async () => {
    const archive = await buildOpenDataArchive();
    const { names, files } = await unzip(archive.bytes);
    expect(names[0]).toBe(MANIFEST_PATH);
    expect(names.slice(1)).toEqual([...names.slice(1)].sort());
    const manifest = parseManifest(files.get(MANIFEST_PATH)!);
    expect(archiveProblems(manifest, files)).toEqual([]);
    expect(manifest.documents.map((document) => document.slug)).toEqual([SLUG]);
    const versions = manifest.documents[0].versions;
    expect(versions.map((version) => version.number)).toEqual([1, 2]);
    expect(new TextDecoder().decode(files.get(manifest.log.checkpoint))).toBe(await readServedCheckpoint());
    expect(new TextDecoder().decode(files.get(manifest.log.policy))).toBe(readLogPolicy());
    expect(manifest.log.size).toBe(2);
    for (const version of versions) {
      expect(version).toMatchObject(versionPaths(SLUG, version.number));
      // What GET …/versions/{n} serializes (lib/services/published-document-body.ts); the mirror test compares with the route's answer itself.
      const served = JSON.stringify(publishedDocumentJson(await readPublishedDocument({ slug: SLUG, versionNumber: version.number })));
      expect(new TextDecoder().decode(files.get(version.content))).toBe(served);
      const json = JSON.parse(served) as { statement: string; sections: Array<VersionSection & { content: unknown }> };
      expect(Buffer.from(files.get(version.statement)!)).toEqual(Buffer.from(decodeBase64(json.statement)));
      const proof = new TextDecoder().decode(files.get(version.proof));
      expect(proof).toBe((await readVersionProofFile(SLUG, version.number)).body);
      const verified = verifyVersionOffline({
        sections: json.sections.map((section) => ({ ...section, content: JSON.stringify(section.content) })),
        statement: files.get(version.statement)!,
        proof,
        policy: new TextDecoder().decode(files.get(manifest.log.policy)),
        expect: { document: SLUG, version: version.number },
      });
      expect(verified.ok, JSON.stringify(verified)).toBe(true);
    }
    const keys = JSON.parse(new TextDecoder().decode(files.get(manifest.keys))) as { keys: { userName: string }[] };
    expect(keys.keys.map((key) => key.userName).sort()).toEqual(["Lê Văn Minh", "Đỗ Thị Thu"]);
  });

  /** Lan's proposal changing the closing section, submitted: in review. */
  async function proposalInReview(title: string) {
    const lan = await actorByEmail(database.db, "lan@mof.gov.vn");
    const proposal = await createProposal({ actor: lan, documentSlug: SLUG, input: { title, rationale: "Lấy ý kiến nhân dân." } });
    const row = (await loadProposal(database.db, proposal.id)).sections.find((section) => section.slug === "loi-tong-ket")!;
    const content = JSON.parse(row.content) as SectionContent;
    const edited: SectionContent = { ...content, content: content.content.map((block, index) => (index === 0 ? { ...block, content: [{ type: "text", text: `${plainText(block)} (${title})` }] } : block)) };
    await offlineDraftWriter.replaceSection({ proposalId: proposal.id, sectionId: row.sectionId, content: edited, actorId: lan.id });
    await submitProposal({ actor: lan, proposalId: proposal.id, writer: offlineDraftWriter });
    return proposal.id;
  }

  it("holds every consultation that has opened: its window, its public comments with their answers and the report's figures, never an email, a hidden or a waiting comment", async () => {
    const [lan, khoa, reader, thu, hoa] = await Promise.all(["lan@mof.gov.vn", "khoa@mof.gov.vn", "docgia@example.vn", "thu@moha.gov.vn", "hoa@mof.gov.vn"].map((email) => actorByEmail(database.db, email)));
    const proposalId = await proposalInReview("Lấy ý kiến cho dữ liệu mở");
    const opensAt = new Date();
    await openConsultation({ actor: lan, proposalId, now: opensAt, input: { opensAt: opensAt.toISOString(), closesAt: new Date(opensAt.getTime() + 31 * DAY_MS).toISOString() } });
    const address = "203.0.113.9";
    const published = await addConsultationComment({ actor: reader, proposalId, clientAddress: address, input: { body: "Nên nêu rõ thời hạn." } });
    await moderateConsultationComment({ actor: khoa, proposalId, commentId: published.id, input: { decision: "publish" } });
    await answerConsultationComment({ actor: lan, proposalId, commentId: published.id, input: { disposition: "partly_accepted", reason: "Đã bổ sung một phần." } });
    const hidden = await addConsultationComment({ actor: thu, proposalId, clientAddress: address, input: { body: "Lời lẽ xúc phạm không được công bố." } });
    await moderateConsultationComment({ actor: khoa, proposalId, commentId: hidden.id, input: { decision: "hide", reason: "Xúc phạm." } });
    await addConsultationComment({ actor: hoa, proposalId, clientAddress: address, input: { body: "Ý kiến còn chờ duyệt." } });
    // Opening in two days: not public yet, so not in the archive yet.
    const laterId = await proposalInReview("Lấy ý kiến sau");
    const later = new Date(opensAt.getTime() + 2 * DAY_MS);
    await openConsultation({ actor: lan, proposalId: laterId, input: { opensAt: later.toISOString(), closesAt: new Date(later.getTime() + 31 * DAY_MS).toISOString() } });

    const archive = await buildOpenDataArchive();
    const { files } = await unzip(archive.bytes);
    const manifest = parseManifest(files.get(MANIFEST_PATH)!);
    expect(archiveProblems(manifest, files)).toEqual([]);
    expect(manifest.consultations).toEqual([{ proposalId, document: SLUG, opensAt: opensAt.toISOString(), closesAt: new Date(opensAt.getTime() + 31 * DAY_MS).toISOString(), path: consultationPath(proposalId) }]);
    const text = new TextDecoder().decode(files.get(consultationPath(proposalId)));
    const record = JSON.parse(text) as { proposal: Record<string, unknown>; comments: unknown[]; figures: Record<string, unknown>; moderation: unknown };
    expect(record.proposal).toEqual({ id: proposalId, title: "Lấy ý kiến cho dữ liệu mở", document: SLUG, organization: "Bộ Tài chính", status: "IN_REVIEW", baseVersion: 2, publishedVersion: null });
    expect(record.moderation).toEqual({ mode: "PRE", hideAfterReports: 3 });
    // The comments are those the public API gives, element for element.
    expect(record.comments).toEqual(consultationJson(await getConsultationView({ actor: null, proposalId })).comments);
    expect(record.comments).toEqual([
      { id: published.id, anchor: { kind: "proposal" }, body: "Nên nêu rõ thời hạn.", author: { name: reader.name }, answer: { disposition: "partly_accepted", reason: "Đã bổ sung một phần." } },
    ]);
    expect(record.figures).toMatchObject({ received: 3, considered: 2, hidden: 1, pending: 1, answered: 1, unanswered: 1, commenters: 2, byDisposition: { partly_accepted: 1, accepted: 0 } });
    for (const secret of ["@", "Lời lẽ xúc phạm", "Xúc phạm.", "Ý kiến còn chờ duyệt", thu.name, hoa.name]) expect(text, secret).not.toContain(secret);
    expect(files.has(consultationPath(laterId))).toBe(false);

    // Once the later one has opened it is there too; an answer changes the bytes.
    const afterOpening = parseManifest((await unzip((await buildOpenDataArchive({ now: new Date(later.getTime() + 60_000) })).bytes)).files.get(MANIFEST_PATH)!);
    expect(afterOpening.consultations.map((consultation) => consultation.proposalId)).toEqual([proposalId, laterId].sort());
    await answerConsultationComment({ actor: lan, proposalId, commentId: published.id, input: { disposition: "accepted", reason: "Đã bổ sung đầy đủ." } });
    expect((await buildOpenDataArchive()).etag).not.toBe(archive.etag);
  });

  it("is the same bytes for the same state, in any time zone, and other bytes once a version is published", async () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = "UTC";
      const first = await buildOpenDataArchive();
      process.env.TZ = "Asia/Ho_Chi_Minh";
      const second = await buildOpenDataArchive();
      process.env.TZ = "America/Los_Angeles";
      const third = await buildOpenDataArchive();
      expect(second.bytes.equals(first.bytes)).toBe(true);
      expect(third.bytes.equals(first.bytes)).toBe(true);
      expect(second.etag).toBe(first.etag);

      const [lan, minh, thu] = await Promise.all(["lan@mof.gov.vn", "minh@mic.gov.vn", "thu@moha.gov.vn"].map((email) => actorByEmail(database.db, email)));
      const proposal = await createProposal({ actor: lan, documentSlug: SLUG, input: { title: "Bổ sung cho dữ liệu mở", rationale: "Kiểm tra tệp lưu trữ." } });
      const row = (await loadProposal(database.db, proposal.id)).sections.find((section) => section.slug === "loi-tong-ket")!;
      const content = JSON.parse(row.content) as SectionContent;
      const edited: SectionContent = { ...content, content: content.content.map((block, index) => (index === 0 ? { ...block, content: [{ type: "text", text: `${plainText(block)} (bản mở)` }] } : block)) };
      await offlineDraftWriter.replaceSection({ proposalId: proposal.id, sectionId: row.sectionId, content: edited, actorId: lan.id });
      await submitProposal({ actor: lan, proposalId: proposal.id, writer: offlineDraftWriter });
      const signer = createThrowawaySigner(database.db);
      await signer.approve(minh, proposal.id);
      await signer.approve(thu, proposal.id);
      expect((await publishProposal({ actor: minh, proposalId: proposal.id, writer: offlineDraftWriter })).kind).toBe("published");

      const after = await buildOpenDataArchive();
      expect(after.etag).not.toBe(first.etag);
      const { files } = await unzip(after.bytes);
      const manifest = parseManifest(files.get(MANIFEST_PATH)!);
      expect(archiveProblems(manifest, files)).toEqual([]);
      expect(manifest.documents[0].versions.map((version) => version.number)).toEqual([1, 2, 3]);
      expect(manifest.documents[0].versions[2].prevHash).toBe(manifest.documents[0].versions[1].hash);
      expect(new TextDecoder().decode(files.get(manifest.documents[0].versions[2].content))).toContain("(bản mở)");
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
