import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProposal } from "../../db/proposals";
import { blockId, type SectionContent } from "../../domain/document";
import { blockText } from "../../domain/suggestions";
import { AppError } from "../../errors";
import { actorByEmail } from "../../testing/actors";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { blameVersion } from "../history/blame-version";
import { listNotifications } from "../notifications/list-notifications";
import { notify } from "../notifications/notify";
import { inviteCoauthor } from "../proposals/invite-coauthor";
import { evaluateProposalPolicy } from "../proposals/approval-state";
import { createProposal } from "../proposals/create-proposal";
import { offlineDraftWriter } from "../proposals/draft-writer";
import { publishProposal } from "../proposals/publish-proposal";
import { submitProposal } from "../proposals/submit-proposal";
import { createThrowawaySigner } from "../proposals/throwaway-signer";
import { createSuggestion } from "./create-suggestion";
import { decideSuggestions } from "./decide-suggestions";
import { listSuggestions, suggestionListJson } from "./list-suggestions";

const engines = await availableEngines();
const SLUG = "cam-nang-chuyen-doi-so";
const CLOSING = "loi-tong-ket";

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe.each(engines)("suggestion mode on %s", (engine) => {
  const signer = createThrowawaySigner();
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });
  const actor = (email: string) => actorByEmail(database.db, email);

  /** A submitted proposal whose closing section's first block gets a known sentence. */
  async function submittedProposal(title: string) {
    const lan = await actor("lan@mof.gov.vn");
    const proposal = await createProposal({ actor: lan, documentSlug: SLUG, input: { title, rationale: "Thử chế độ đề xuất sửa." } });
    const loaded = await loadProposal(database.db, proposal.id);
    const row = loaded.sections.find((section) => section.slug === CLOSING)!;
    const content = JSON.parse(row.content) as SectionContent;
    const first = content.content[0];
    const sentence = "Chuyển đổi số là quá trình thay đổi tổng thể và toàn diện của cá nhân, tổ chức.";
    const edited: SectionContent = { ...content, content: [{ ...first, content: [{ type: "text", text: sentence }] }, ...content.content.slice(1)] };
    await offlineDraftWriter.replaceSection({ proposalId: proposal.id, sectionId: row.sectionId, content: edited, actorId: lan.id });
    await submitProposal({ actor: lan, proposalId: proposal.id, writer: offlineDraftWriter });
    return { proposalId: proposal.id, sectionId: row.sectionId, blockId: blockId(first)!, sentence, lan };
  }

  async function firstBlockText(proposalId: string, sectionId: string): Promise<string> {
    const row = (await loadProposal(database.db, proposalId)).sections.find((section) => section.sectionId === sectionId)!;
    return blockText((JSON.parse(row.content) as SectionContent).content[0]);
  }

  it("lets a reviewer suggest, holds approval while suggestions wait (422 with the count), applies only what the author accepts, and credits the reviewer as an editor and in blame", async () => {
    const { proposalId, sectionId, blockId: block, sentence, lan } = await submittedProposal("Đề xuất sửa của người thẩm định");
    const khoa = await actor("khoa@mof.gov.vn");
    const minh = await actor("minh@mic.gov.vn");
    const thu = await actor("thu@moha.gov.vn");
    const wordAt = sentence.indexOf("quá trình");
    const replace = await createSuggestion({ actor: khoa, proposalId, writer: offlineDraftWriter, input: { sectionId, blockId: block, offset: wordAt, exact: "quá trình", text: "hành trình" } });
    const deleteAt = sentence.indexOf(" và toàn diện");
    const remove = await createSuggestion({ actor: minh, proposalId, writer: offlineDraftWriter, input: { sectionId, blockId: block, offset: deleteAt, exact: " và toàn diện", text: "" } });

    // Nothing changed in the draft yet.
    expect(await firstBlockText(proposalId, sectionId)).toBe(sentence);
    const listed = await listSuggestions({ actor: lan, proposalId });
    expect(listed.pending).toBe(2);
    expect(listed.canDecide).toBe(true);
    expect(listed.suggestions.map((suggestion) => [suggestion.kind, suggestion.author.name, suggestion.status])).toEqual([
      ["replace", khoa.name, "PENDING"],
      ["delete", minh.name, "PENDING"],
    ]);
    // The API names suggesters; only the authors, who decide per person, get their ids.
    expect(suggestionListJson(listed).suggestions.map((suggestion) => suggestion.author)).toEqual([
      { id: khoa.id, name: khoa.name },
      { id: minh.id, name: minh.name },
    ]);
    const asReviewer = suggestionListJson(await listSuggestions({ actor: thu, proposalId }));
    expect(asReviewer).toMatchObject({ canDecide: false, canSuggest: true, pending: 2 });
    expect(asReviewer.suggestions.map((suggestion) => suggestion.author)).toEqual([{ name: khoa.name }, { name: minh.name }]);
    expect((await evaluateProposalPolicy(database.db, await loadProposal(database.db, proposalId))).evaluation.items.find((item) => item.key === "suggestions-decided")?.ok).toBe(false);

    const held = await refusal(signer.approve(thu, proposalId));
    expect(held.code).toBe("UNPROCESSABLE");
    expect(held.messageKey).toBe("suggestionsPending");
    expect(held.messageParams).toEqual({ count: 2 });

    // Only authors decide; the reviewer may not accept their own suggestion.
    expect((await refusal(decideSuggestions({ actor: khoa, proposalId, suggestionId: replace.id, input: { decision: "accept" }, writer: offlineDraftWriter }))).code).toBe("FORBIDDEN");

    expect(await decideSuggestions({ actor: lan, proposalId, suggestionId: replace.id, input: { decision: "accept" }, writer: offlineDraftWriter })).toEqual({ accepted: [replace.id], rejected: [], outdated: [] });
    expect(await decideSuggestions({ actor: lan, proposalId, suggestionId: remove.id, input: { decision: "reject" }, writer: offlineDraftWriter })).toEqual({ accepted: [], rejected: [remove.id], outdated: [] });
    expect(await firstBlockText(proposalId, sectionId)).toBe(sentence.replace("quá trình", "hành trình"));
    expect((await refusal(decideSuggestions({ actor: lan, proposalId, suggestionId: remove.id, input: { decision: "accept" }, writer: offlineDraftWriter }))).messageKey).toBe("suggestionAlreadyDecided");

    // The accepted suggestion made Khoa an editor: he can no longer approve (separation of duties).
    const { contributorIds } = await evaluateProposalPolicy(database.db, await loadProposal(database.db, proposalId));
    expect(contributorIds).toContain(khoa.id);
    expect(contributorIds).not.toContain(minh.id);
    expect((await refusal(signer.approve(khoa, proposalId))).messageKey).toBe("selfApproval");

    await signer.approve(minh, proposalId);
    expect((await signer.approve(thu, proposalId)).status).toBe("APPROVED");
    const published = await publishProposal({ actor: minh, proposalId, writer: offlineDraftWriter });
    expect(published.kind).toBe("published");
    const number = published.kind === "published" ? published.version.number : 0;
    const blame = await blameVersion({ slug: SLUG, versionNumber: number, db: database.db });
    const closing = blame.sections.find((section) => section.id === sectionId)!;
    const blamed = closing.blocks.find((candidate) => candidate.blockId === block)!;
    expect(blamed.changedIn.number).toBe(number);
    expect(blamed.suggestedBy).toEqual([khoa.name]);
    expect(closing.blocks.filter((candidate) => candidate.blockId !== block).every((candidate) => candidate.suggestedBy.length === 0)).toBe(true);
  });

  it("refuses people who may not suggest and text that is not in the draft, lets authors withdraw their own, and leaves outdated suggestions pending in a batch", async () => {
    const { proposalId, sectionId, blockId: block, sentence, lan } = await submittedProposal("Đề xuất sửa bị từ chối");
    const hoa = await actor("hoa@mof.gov.vn");
    const reader = await actor("docgia@example.vn");
    const khoa = await actor("khoa@mof.gov.vn");
    const minh = await actor("minh@mic.gov.vn");
    const input = { sectionId, blockId: block, offset: 0, exact: "Chuyển", text: "Biến" };
    expect((await refusal(createSuggestion({ actor: hoa, proposalId, input, writer: offlineDraftWriter }))).code).toBe("FORBIDDEN");
    expect((await refusal(createSuggestion({ actor: reader, proposalId, input, writer: offlineDraftWriter }))).code).toBe("FORBIDDEN");
    expect((await refusal(createSuggestion({ actor: khoa, proposalId, input: { ...input, exact: "không có trong bản nháp" }, writer: offlineDraftWriter }))).messageKey).toBe("suggestionTextNotFound");
    expect((await refusal(createSuggestion({ actor: khoa, proposalId, input: { ...input, blockId: "khong-co" }, writer: offlineDraftWriter }))).messageKey).toBe("suggestionBlockNotFound");
    expect((await refusal(createSuggestion({ actor: khoa, proposalId, input: { ...input, text: "Chuyển" }, writer: offlineDraftWriter }))).messageKey).toBe("suggestionInvalid");

    const withdrawn = await createSuggestion({ actor: khoa, proposalId, input, writer: offlineDraftWriter });
    expect((await decideSuggestions({ actor: khoa, proposalId, suggestionId: withdrawn.id, input: { decision: "reject" }, writer: offlineDraftWriter })).rejected).toEqual([withdrawn.id]);
    expect((await refusal(decideSuggestions({ actor: minh, proposalId, input: { decision: "reject" }, writer: offlineDraftWriter }))).code).toBe("FORBIDDEN");

    // Two suggestions; the words of one change under it before the author accepts everything.
    const stays = await createSuggestion({ actor: khoa, proposalId, input: { ...input, offset: sentence.indexOf("tổ chức"), exact: "tổ chức", text: "cơ quan" }, writer: offlineDraftWriter });
    const stale = await createSuggestion({ actor: minh, proposalId, input: { ...input, offset: sentence.indexOf("cá nhân"), exact: "cá nhân", text: "người dân" }, writer: offlineDraftWriter });
    const loaded = await loadProposal(database.db, proposalId);
    const content = JSON.parse(loaded.sections.find((section) => section.sectionId === sectionId)!.content) as SectionContent;
    const rewritten = sentence.replace("cá nhân", "mỗi người");
    await offlineDraftWriter.replaceSection({ proposalId, sectionId, actorId: lan.id, content: { ...content, content: [{ ...content.content[0], content: [{ type: "text", text: rewritten }] }, ...content.content.slice(1)] } });
    expect((await listSuggestions({ actor: lan, proposalId })).suggestions.find((suggestion) => suggestion.id === stale.id)?.outdated).toBe(true);
    expect((await refusal(decideSuggestions({ actor: lan, proposalId, suggestionId: stale.id, input: { decision: "accept" }, writer: offlineDraftWriter }))).messageKey).toBe("suggestionOutdated");

    expect(await decideSuggestions({ actor: lan, proposalId, input: { decision: "accept" }, writer: offlineDraftWriter })).toEqual({ accepted: [stays.id], rejected: [], outdated: [stale.id] });
    expect(await firstBlockText(proposalId, sectionId)).toBe(rewritten.replace("tổ chức", "cơ quan"));
    // Per person: only Minh's (the outdated one) is rejected.
    expect(await decideSuggestions({ actor: lan, proposalId, input: { decision: "reject", authorId: minh.id }, writer: offlineDraftWriter })).toEqual({ accepted: [], rejected: [stale.id], outdated: [] });
    expect((await listSuggestions({ actor: lan, proposalId })).pending).toBe(0);
  });

  it("carries formatting: a reviewer suggests bold on words, the author accepts, the words keep and get the mark; changing the words with it is refused", async () => {
    const { proposalId, sectionId, blockId: block, sentence, lan } = await submittedProposal("Đề xuất định dạng");
    const khoa = await actor("khoa@mof.gov.vn");
    const input = { sectionId, blockId: block, offset: sentence.indexOf("quá trình"), exact: "quá trình", text: "quá trình", format: { mark: "bold" as const, action: "add" as const } };
    expect((await refusal(createSuggestion({ actor: khoa, proposalId, input: { ...input, text: "hành trình" }, writer: offlineDraftWriter }))).messageKey).toBe("suggestionInvalid");
    const bold = await createSuggestion({ actor: khoa, proposalId, input, writer: offlineDraftWriter });
    const listed = (await listSuggestions({ actor: lan, proposalId })).suggestions.find((suggestion) => suggestion.id === bold.id)!;
    expect(listed).toMatchObject({ kind: "format", format: { mark: "bold", action: "add" }, exact: "quá trình", text: "quá trình" });
    expect((await decideSuggestions({ actor: lan, proposalId, suggestionId: bold.id, input: { decision: "accept" }, writer: offlineDraftWriter })).accepted).toEqual([bold.id]);
    const row = (await loadProposal(database.db, proposalId)).sections.find((section) => section.sectionId === sectionId)!;
    const first = (JSON.parse(row.content) as SectionContent).content[0];
    expect(blockText(first)).toBe(sentence);
    expect(first.content?.filter((leaf) => (leaf.marks ?? []).some((mark) => mark.type === "bold")).map((leaf) => leaf.text)).toEqual(["quá trình"]);
  });

  it("tells the authors of a suggestion made by someone else and the suggestion's author of its acceptance or rejection, in the reader's language, in the workspace only", async () => {
    const mailBefore = process.env.SMTP_URL;
    // Email on (nothing is sent from a test: an outbox row is all a notification emailed would leave).
    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    try {
      const { proposalId, sectionId, blockId: block, sentence, lan } = await submittedProposal("Đề xuất sửa có thông báo");
      const hoa = await actor("hoa@mof.gov.vn");
      const khoa = await actor("khoa@mof.gov.vn");
      const minh = await actor("minh@mic.gov.vn");
      await inviteCoauthor({ actor: lan, proposalId, email: hoa.email });
      const { db } = database;
      const ofProposal = async (userId: string, locale: "vi" | "en") =>
        (await listNotifications({ userId, locale })).filter((notification) => notification.proposalId === proposalId && notification.kind.startsWith("suggestion_")).map((notification) => notification.text);
      const outbox = () => db.outboundEmail.count({ where: { userId: { in: [lan.id, hoa.id, khoa.id, minh.id] } } });
      const emailsBefore = await outbox();
      await db.user.update({ where: { id: lan.id }, data: { locale: "en" } });

      const input = { sectionId, blockId: block };
      const byKhoa = await createSuggestion({ actor: khoa, proposalId, writer: offlineDraftWriter, input: { ...input, offset: sentence.indexOf("quá trình"), exact: "quá trình", text: "hành trình" } });
      const byKhoaToo = await createSuggestion({ actor: khoa, proposalId, writer: offlineDraftWriter, input: { ...input, offset: sentence.indexOf("tổ chức"), exact: "tổ chức", text: "cơ quan" } });
      const byMinh = await createSuggestion({ actor: minh, proposalId, writer: offlineDraftWriter, input: { ...input, offset: sentence.indexOf("cá nhân"), exact: "cá nhân", text: "người dân" } });
      // A co-author's own suggestion tells the other author, not herself.
      const byHoa = await createSuggestion({ actor: hoa, proposalId, writer: offlineDraftWriter, input: { ...input, offset: 0, exact: "Chuyển", text: "Biến" } });

      const title = "Đề xuất sửa có thông báo";
      expect(await ofProposal(lan.id, "en")).toEqual(expect.arrayContaining([
        `${khoa.name} suggested a change to the draft of “${title}”; accept or reject it.`,
        `${minh.name} suggested a change to the draft of “${title}”; accept or reject it.`,
        `${hoa.name} suggested a change to the draft of “${title}”; accept or reject it.`,
      ]));
      expect(await ofProposal(lan.id, "en")).toHaveLength(4);
      expect((await ofProposal(hoa.id, "vi")).sort()).toEqual([
        `${khoa.name} đã đề xuất sửa bản nháp của đề xuất “${title}”; hãy chấp nhận hoặc không chấp nhận.`,
        `${khoa.name} đã đề xuất sửa bản nháp của đề xuất “${title}”; hãy chấp nhận hoặc không chấp nhận.`,
        `${minh.name} đã đề xuất sửa bản nháp của đề xuất “${title}”; hãy chấp nhận hoặc không chấp nhận.`,
      ].sort());
      // Reviewers who suggested hear nothing of each other's suggestions.
      expect(await ofProposal(khoa.id, "vi")).toEqual([]);
      expect(await ofProposal(minh.id, "vi")).toEqual([]);

      // Hoa withdraws her own: nobody is told.
      await decideSuggestions({ actor: hoa, proposalId, suggestionId: byHoa.id, input: { decision: "reject" }, writer: offlineDraftWriter });
      expect(await ofProposal(hoa.id, "vi")).toHaveLength(3);
      // Lan accepts Khoa's two at once and rejects Minh's.
      await db.user.update({ where: { id: khoa.id }, data: { locale: "en" } });
      expect((await decideSuggestions({ actor: lan, proposalId, input: { decision: "accept", authorId: khoa.id }, writer: offlineDraftWriter })).accepted.sort()).toEqual([byKhoa.id, byKhoaToo.id].sort());
      await decideSuggestions({ actor: lan, proposalId, suggestionId: byMinh.id, input: { decision: "reject" }, writer: offlineDraftWriter });
      expect(await ofProposal(khoa.id, "en")).toEqual([`${lan.name} accepted 2 of your suggestions on the proposal “${title}”.`]);
      expect(await ofProposal(khoa.id, "vi")).toEqual([`${lan.name} đã chấp nhận 2 đề xuất sửa của bạn trong đề xuất “${title}”.`]);
      expect(await ofProposal(minh.id, "en")).toEqual([`${lan.name} rejected your suggestion on the proposal “${title}”.`]);
      expect(await ofProposal(minh.id, "vi")).toEqual([`${lan.name} đã không chấp nhận 1 đề xuất sửa của bạn trong đề xuất “${title}”.`]);
      // Deciding again changes nothing and tells nobody again.
      await decideSuggestions({ actor: lan, proposalId, input: { decision: "reject" }, writer: offlineDraftWriter });
      expect(await ofProposal(minh.id, "en")).toHaveLength(1);

      // Like comments and replies inside the workspace, none of this goes by email; an answer to a consultation comment does.
      expect(await outbox()).toBe(emailsBefore);
      await notify(db, { userIds: [minh.id], event: { kind: "consultation_answer", params: { proposalTitle: title, documentSlug: SLUG, disposition: "accepted" } }, proposalId });
      expect(await outbox()).toBe(emailsBefore + 1);
    } finally {
      if (mailBefore === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = mailBefore;
    }
  });
});
