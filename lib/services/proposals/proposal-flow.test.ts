import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProposal, draftSnapshot } from "../../db/proposals";
import { plainText, type SectionContent } from "../../domain/document";
import { actorByEmail } from "../../testing/actors";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { verifyDocument } from "../verify-document";
import { readPublishedDocument } from "../read-document";
import { evaluateProposalPolicy } from "./approval-state";
import { createProposal } from "./create-proposal";
import { offlineDraftWriter, type DraftSectionWriter } from "./draft-writer";
import { allowOtherOrganizations } from "./invite-coauthor";
import { publishProposal } from "./publish-proposal";
import { submitProposal } from "./submit-proposal";
import { resolveMergeConflict } from "./resolve-conflict";
import { createThrowawaySigner } from "./throwaway-signer";

const engines = await availableEngines();
const SLUG = "cam-nang-chuyen-doi-so";
const CLOSING = "loi-tong-ket";
const INTRO = "ky-18-ki-cuoi-sau-chinh-phu-so-la-gi";

describe.each(engines)("proposal lifecycle on %s", (engine) => {
  const signer = createThrowawaySigner();
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  async function actors() {
    const { db } = database;
    return {
      lan: await actorByEmail(db, "lan@mof.gov.vn"),
      hoa: await actorByEmail(db, "hoa@mof.gov.vn"),
      minh: await actorByEmail(db, "minh@mic.gov.vn"),
      thu: await actorByEmail(db, "thu@moha.gov.vn"),
      khoa: await actorByEmail(db, "khoa@mof.gov.vn"),
    };
  }

  /** Opens a proposal and edits the first paragraph of one section (word-level change at the end). */
  async function proposeEdit(sectionSlug: string, suffix: string, blockIndex = 0) {
    const { lan } = await actors();
    const proposal = await createProposal({ actor: lan, documentSlug: SLUG, input: { title: `Sửa ${sectionSlug} ${suffix}`, rationale: "Cập nhật theo Nghị định mới." } });
    const loaded = await loadProposal(database.db, proposal.id);
    const row = loaded.sections.find((section) => section.slug === sectionSlug)!;
    const content = JSON.parse(row.content) as SectionContent;
    const block = content.content[blockIndex];
    const edited: SectionContent = {
      ...content,
      content: content.content.map((candidate, index) =>
        index === blockIndex ? { ...block, content: [{ type: "text", text: `${plainText(block)} ${suffix}` }] } : candidate,
      ),
    };
    await offlineDraftWriter.replaceSection({ proposalId: proposal.id, sectionId: row.sectionId, content: edited, actorId: lan.id });
    return proposal.id;
  }

  async function approveByOwners(proposalId: string) {
    const { minh, thu } = await actors();
    await signer.approve(minh, proposalId);
    return signer.approve(thu, proposalId);
  }

  it("goes from draft to published version with approvals from the owning ministries", async () => {
    const { lan, minh } = await actors();
    const proposalId = await proposeEdit(CLOSING, "(sửa đổi A)");
    expect((await submitProposal({ actor: lan, proposalId, writer: offlineDraftWriter })).status).toBe("IN_REVIEW");
    const first = await signer.approve(minh, proposalId);
    expect(first.status).toBe("IN_REVIEW");
    const policy = await evaluateProposalPolicy(database.db, await loadProposal(database.db, proposalId));
    const unmet = policy.evaluation.items.filter((item) => !item.ok).map((item) => item.label.vi);
    expect(unmet).toEqual(["1/2 phê duyệt", expect.stringContaining("Bộ Nội vụ")]);
    const second = await approveByOwners(proposalId);
    expect(second.status).toBe("APPROVED");

    const outcome = await publishProposal({ actor: minh, proposalId, writer: offlineDraftWriter });
    expect(outcome.kind).toBe("published");
    const published = await readPublishedDocument({ slug: SLUG });
    expect(published.version.number).toBe(3);
    expect(plainText(published.sections.find((section) => section.slug === CLOSING)!.content)).toContain("(sửa đổi A)");
    expect(await verifyDocument(SLUG)).toMatchObject({ ok: true, versions: 3 });
    expect((await loadProposal(database.db, proposalId)).status).toBe("PUBLISHED");
  });

  it("never counts an approval from someone who wrote the proposal", async () => {
    const { lan, khoa } = await actors();
    const proposalId = await proposeEdit(CLOSING, "(sửa đổi B)");
    await submitProposal({ actor: lan, proposalId, writer: offlineDraftWriter });
    await expect(signer.approve(lan, proposalId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A reviewer who edited the draft (attribution) is a contributor too.
    await database.db.proposalEdit.create({ data: { proposalId, sectionId: (await loadProposal(database.db, proposalId)).sections[0].sectionId, userId: khoa.id } });
    await expect(signer.approve(khoa, proposalId)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("makes approvals stale when the draft changes after they were given", async () => {
    const { lan, minh } = await actors();
    const proposalId = await proposeEdit(CLOSING, "(sửa đổi C)");
    await submitProposal({ actor: lan, proposalId, writer: offlineDraftWriter });
    expect((await approveByOwners(proposalId)).status).toBe("APPROVED");
    const loaded = await loadProposal(database.db, proposalId);
    const row = loaded.sections.find((section) => section.slug === CLOSING)!;
    const content = JSON.parse(row.content) as SectionContent;
    await offlineDraftWriter.replaceSection({
      proposalId,
      sectionId: row.sectionId,
      content: { ...content, content: [...content.content, { type: "paragraph", attrs: { id: "late-edit" }, content: [{ type: "text", text: "Thêm sau khi duyệt." }] }] },
      actorId: lan.id,
    });
    const after = await loadProposal(database.db, proposalId);
    expect(after.status).toBe("IN_REVIEW");
    const policy = await evaluateProposalPolicy(database.db, after);
    expect(policy.evaluation.reviews.every((review) => review.stale)).toBe(true);
    await expect(publishProposal({ actor: minh, proposalId, writer: offlineDraftWriter })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses invalid transitions with a conflict and changes nothing", async () => {
    const { lan } = await actors();
    const proposalId = await proposeEdit(CLOSING, "(sửa đổi D)");
    await submitProposal({ actor: lan, proposalId, writer: offlineDraftWriter });
    await expect(submitProposal({ actor: lan, proposalId, writer: offlineDraftWriter })).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    expect((await loadProposal(database.db, proposalId)).status).toBe("IN_REVIEW");
  });

  it("merges a proposal whose base moved when the two changes touch different sections", async () => {
    const { lan, minh } = await actors();
    const onClosing = await proposeEdit(CLOSING, "(sửa đổi E)");
    const onIntro = await proposeEdit(INTRO, "(sửa đổi F)");
    for (const proposalId of [onClosing, onIntro]) {
      await submitProposal({ actor: lan, proposalId, writer: offlineDraftWriter });
      await approveByOwners(proposalId);
    }
    expect((await publishProposal({ actor: minh, proposalId: onClosing, writer: offlineDraftWriter })).kind).toBe("published");
    const outcome = await publishProposal({ actor: minh, proposalId: onIntro, writer: offlineDraftWriter });
    expect(outcome).toMatchObject({ kind: "published", merged: true });
    const published = await readPublishedDocument({ slug: SLUG });
    const text = published.sections.map((section) => plainText(section.content)).join("\n");
    expect(text).toContain("(sửa đổi E)");
    expect(text).toContain("(sửa đổi F)");
    expect(await verifyDocument(SLUG)).toMatchObject({ ok: true });
  });

  it("sends overlapping changes back to the authors as conflicts, then publishes after they resolve them", async () => {
    const { lan, minh } = await actors();
    const first = await proposeEdit(CLOSING, "(bản G)");
    const second = await proposeEdit(CLOSING, "(bản H)");
    for (const proposalId of [first, second]) {
      await submitProposal({ actor: lan, proposalId, writer: offlineDraftWriter });
      await approveByOwners(proposalId);
    }
    const headBefore = (await readPublishedDocument({ slug: SLUG })).version.number;
    expect((await publishProposal({ actor: minh, proposalId: first, writer: offlineDraftWriter })).kind).toBe("published");
    const outcome = await publishProposal({ actor: minh, proposalId: second, writer: offlineDraftWriter });
    expect(outcome.kind).toBe("merge_needs_review");
    if (outcome.kind !== "merge_needs_review") return;
    expect(outcome.conflicts.length).toBeGreaterThan(0);
    const afterMerge = await loadProposal(database.db, second);
    expect(afterMerge.status).toBe("CHANGES_REQUESTED");
    expect(afterMerge.baseVersion.number).toBe(headBefore + 1);
    expect((await readPublishedDocument({ slug: SLUG })).version.number).toBe(headBefore + 1);
    // The draft keeps the authors' words where they conflict.
    expect(draftSnapshot(afterMerge).sections.map((section) => plainText(section.content)).join("\n")).toContain("(bản H)");

    await expect(submitProposal({ actor: lan, proposalId: second, writer: offlineDraftWriter })).rejects.toMatchObject({ code: "MERGE_CONFLICT" });
    for (const conflict of outcome.conflicts) {
      await resolveMergeConflict({ actor: lan, proposalId: second, conflictId: conflict.id, resolution: "keep_proposal", writer: offlineDraftWriter });
    }
    await submitProposal({ actor: lan, proposalId: second, writer: offlineDraftWriter });
    await approveByOwners(second);
    expect((await publishProposal({ actor: minh, proposalId: second, writer: offlineDraftWriter })).kind).toBe("published");
    expect(await verifyDocument(SLUG)).toMatchObject({ ok: true });
  });

  it("does not record the reviewer who pressed publish as an editor of the merge it triggered (issue item 11)", async () => {
    const { lan, minh } = await actors();
    // Two proposals change different paragraphs of the same section: the second needs a merge.
    const landed = await proposeEdit(CLOSING, "(đoạn hai)", 1);
    const moved = await proposeEdit(CLOSING, "(đoạn một)", 0);
    for (const proposalId of [landed, moved]) {
      await submitProposal({ actor: lan, proposalId, writer: offlineDraftWriter });
      await approveByOwners(proposalId);
    }
    expect((await publishProposal({ actor: minh, proposalId: landed, writer: offlineDraftWriter })).kind).toBe("published");
    const outcome = await publishProposal({ actor: minh, proposalId: moved, writer: offlineDraftWriter });
    expect(outcome).toEqual({ kind: "merge_needs_review", conflicts: [] });
    const merged = await loadProposal(database.db, moved);
    expect(draftSnapshot(merged).sections.map((section) => plainText(section.content)).join("\n")).toContain("(đoạn hai)");
    expect(merged.status).toBe("IN_REVIEW");
    const editors = await database.db.proposalEdit.findMany({ where: { proposalId: moved }, select: { userId: true } });
    expect(editors.map((edit) => edit.userId)).not.toContain(minh.id);
    // So the reviewer may review the merged text and approve it again.
    await expect(signer.approve(minh, moved)).resolves.toMatchObject({ status: "IN_REVIEW" });
  });

  it("checks the caller may submit before asking the collaboration server to store anything (issue item 11)", async () => {
    const { lan } = await actors();
    const tuan = await actorByEmail(database.db, "tuan@mic.gov.vn");
    const proposalId = await proposeEdit(CLOSING, "(nộp)");
    const flushed: string[] = [];
    const recordingWriter: DraftSectionWriter = {
      replaceSection: (input) => offlineDraftWriter.replaceSection(input),
      flushProposal: async (id) => {
        flushed.push(id);
      },
    };
    await expect(submitProposal({ actor: tuan, proposalId, writer: recordingWriter })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(flushed).toEqual([]);
    await submitProposal({ actor: lan, proposalId, writer: recordingWriter });
    expect(flushed).toEqual([proposalId]);
  });

  it("writes opening a proposal to other ministries in the audit log (issue item 11)", async () => {
    const { lan } = await actors();
    const admin = await actorByEmail(database.db, "admin@camnang.gov.vn");
    const proposalId = await proposeEdit(CLOSING, "(mở)");
    const events = () => database.db.auditEvent.findMany({ where: { action: "proposal.other_orgs_changed", targetId: proposalId } });
    await expect(allowOtherOrganizations({ actor: lan, proposalId, allow: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await allowOtherOrganizations({ actor: admin, proposalId, allow: true });
    await allowOtherOrganizations({ actor: admin, proposalId, allow: true });
    await allowOtherOrganizations({ actor: admin, proposalId, allow: false });
    const recorded = await events();
    expect(recorded.map((event) => [event.actorId, JSON.parse(event.data)])).toEqual([
      [admin.id, { allowOtherOrgs: true }],
      [admin.id, { allowOtherOrgs: false }],
    ]);
    await expect(allowOtherOrganizations({ actor: admin, proposalId: "khong-co", allow: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets exactly one of eight approved proposals racing on the same head publish; the others go back to their authors", async () => {
    const { lan, minh } = await actors();
    const racers: string[] = [];
    for (let index = 0; index < 8; index += 1) {
      const proposalId = await proposeEdit(CLOSING, `(đua ${index})`);
      await submitProposal({ actor: lan, proposalId, writer: offlineDraftWriter });
      await approveByOwners(proposalId);
      racers.push(proposalId);
    }
    const headBefore = (await readPublishedDocument({ slug: SLUG })).version.number;
    const outcomes = await Promise.allSettled(racers.map((proposalId) => publishProposal({ actor: minh, proposalId, writer: offlineDraftWriter })));
    const published = outcomes.filter((outcome) => outcome.status === "fulfilled" && outcome.value.kind === "published");
    expect(published).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") throw outcome.reason;
      if (outcome.value.kind === "merge_needs_review") expect(outcome.value.conflicts.length).toBeGreaterThan(0);
    }
    const numbers = (await database.db.version.findMany({ orderBy: { number: "asc" } })).map((version) => version.number);
    expect(numbers).toEqual(Array.from({ length: headBefore + 1 }, (_, index) => index + 1));
    expect(await verifyDocument(SLUG)).toMatchObject({ ok: true, versions: headBefore + 1 });
    const statuses = await database.db.proposal.findMany({ where: { id: { in: racers } }, select: { status: true } });
    expect(statuses.filter((proposal) => proposal.status === "PUBLISHED")).toHaveLength(1);
    expect(statuses.filter((proposal) => proposal.status === "CHANGES_REQUESTED")).toHaveLength(7);
  }, 60_000);
});
