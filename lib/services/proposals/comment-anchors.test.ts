import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadProposal } from "../../db/proposals";
import { parseStoredAnchor, textBetween } from "../../domain/anchors";
import { createLiveAnchor } from "../../domain/anchors-yjs";
import { blockId, plainText, type RichNode, type SectionContent } from "../../domain/document";
import { YDOC_FIELD } from "../../editor/ydoc";
import { actorByEmail } from "../../testing/actors";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { readPublishedDocument } from "../read-document";
import { versionRemarks } from "../history/version-remarks";
import { addComment } from "./add-comment";
import { createProposal } from "./create-proposal";
import { offlineDraftWriter } from "./draft-writer";
import { getProposalView } from "./proposal-view";
import { publishProposal } from "./publish-proposal";
import { submitProposal } from "./submit-proposal";
import { createThrowawaySigner } from "./throwaway-signer";

const engines = await availableEngines();
const SLUG = "cam-nang-chuyen-doi-so";
const CLOSING = "loi-tong-ket";

function withText(content: SectionContent, index: number, text: string): SectionContent {
  return { ...content, content: content.content.map((block, at) => (at === index ? { ...block, content: [{ type: "text", text }] } : block)) };
}

describe.each(engines)("comments on a range of words on %s", (engine) => {
  const signer = createThrowawaySigner();
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  async function draftSection(proposalId: string) {
    const loaded = await loadProposal(database.db, proposalId);
    const row = loaded.sections.find((section) => section.slug === CLOSING)!;
    return { row, content: JSON.parse(row.content) as SectionContent, yState: row.yState! };
  }

  it("keeps pointing at its words through edits before and inside it, and points at them in the published version", async () => {
    const lan = await actorByEmail(database.db, "lan@mof.gov.vn");
    const minh = await actorByEmail(database.db, "minh@mic.gov.vn");
    const thu = await actorByEmail(database.db, "thu@moha.gov.vn");
    const proposal = await createProposal({ actor: lan, documentSlug: SLUG, input: { title: "Góp ý đoạn kết", rationale: "Làm rõ." } });
    // A first edit gives the draft its live state.
    const first = await draftSection(proposal.id);
    const original = plainText(first.content.content[0]);
    await offlineDraftWriter.replaceSection({ proposalId: proposal.id, sectionId: first.row.sectionId, content: withText(first.content, 0, `${original} Hết.`), actorId: lan.id });

    const { row, content, yState } = await draftSection(proposal.id);
    const paragraphId = blockId(content.content[0] as RichNode)!;
    const words = original.split(" ").slice(2, 6).join(" ");
    const start = original.indexOf(words);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, yState);
    const live = createLiveAnchor(doc.getXmlFragment(YDOC_FIELD), row.sectionId, { blockId: paragraphId, offset: start }, { blockId: paragraphId, offset: start + words.length })!;
    expect(live.quote).toBe(words);
    const comment = await addComment({ actor: minh, proposalId: proposal.id, input: { body: "Chữ này cần sửa.", range: { sectionId: live.sectionId, start: live.start, end: live.end } } });

    // Someone edits inside the range, then before the paragraph's words.
    const middle = start + words.indexOf(" ") + 1;
    const inside = `${original.slice(0, middle)}rất ${original.slice(middle)} Hết.`;
    await offlineDraftWriter.replaceSection({ proposalId: proposal.id, sectionId: row.sectionId, content: withText(content, 0, inside), actorId: lan.id });
    await offlineDraftWriter.replaceSection({ proposalId: proposal.id, sectionId: row.sectionId, content: withText(content, 0, `Mở đầu. ${inside}`), actorId: lan.id });
    const expected = `${words.slice(0, words.indexOf(" ") + 1)}rất ${words.slice(words.indexOf(" ") + 1)}`;

    const view = await getProposalView({ actor: minh, proposalId: proposal.id });
    const shown = view.comments.find((candidate) => candidate.id === comment.id)!;
    expect(shown.range).toMatchObject({ sectionId: row.sectionId, state: "live", quote: expected, start: { blockId: paragraphId, offset: start + "Mở đầu. ".length } });
    expect(shown.anchor?.quote).toBe(words);

    await submitProposal({ actor: lan, proposalId: proposal.id, writer: offlineDraftWriter });
    await signer.approve(minh, proposal.id);
    await signer.approve(thu, proposal.id);
    const outcome = await publishProposal({ actor: minh, proposalId: proposal.id, writer: offlineDraftWriter });
    expect(outcome.kind).toBe("published");
    const stored = parseStoredAnchor((await database.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).anchor)!;
    const published = await readPublishedDocument({ slug: SLUG });
    expect(stored.text?.version).toBe(published.version.number);
    const section = published.sections.find((candidate) => candidate.id === row.sectionId)!;
    expect(textBetween(section.content, stored.text!.start, stored.text!.end)).toBe(expected);
    expect(stored.quote).toBe(expected);
    // The compare page of the version shows it at those words, to anyone who may read the published proposal.
    expect(await versionRemarks({ slug: SLUG, number: published.version.number, actor: null })).toEqual([
      { id: comment.id, sectionId: row.sectionId, start: stored.text!.start, end: stored.text!.end, author: minh.name, body: "Chữ này cần sửa." },
    ]);
  });

  it("takes block id and offsets from API clients, and refuses a range that is not of the draft", async () => {
    const lan = await actorByEmail(database.db, "lan@mof.gov.vn");
    const proposal = await createProposal({ actor: lan, documentSlug: SLUG, input: { title: "Góp ý bằng API", rationale: "Thử." } });
    const first = await draftSection(proposal.id);
    await offlineDraftWriter.replaceSection({ proposalId: proposal.id, sectionId: first.row.sectionId, content: withText(first.content, 0, "Một hai ba bốn năm."), actorId: lan.id });
    const { row, content } = await draftSection(proposal.id);
    const paragraphId = blockId(content.content[0])!;
    const comment = await addComment({
      actor: lan,
      proposalId: proposal.id,
      input: { body: "Ba bốn?", range: { sectionId: row.sectionId, start: { blockId: paragraphId, offset: 8 }, end: { blockId: paragraphId, offset: 14 } } },
    });
    expect(parseStoredAnchor(comment.anchor)).toMatchObject({ quote: "ba bốn", live: { start: expect.any(String) } });
    const before = await database.db.comment.count();
    await expect(
      addComment({ actor: lan, proposalId: proposal.id, input: { body: "?", range: { sectionId: row.sectionId, start: { blockId: "missing", offset: 0 }, end: { blockId: "missing", offset: 2 } } } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      addComment({ actor: lan, proposalId: proposal.id, input: { body: "?", range: { sectionId: row.sectionId, start: "AAAA", end: "AAAA" } } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await database.db.comment.count()).toBe(before);
  });
});
