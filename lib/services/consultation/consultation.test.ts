import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProposal } from "../../db/proposals";
import { blockId, plainText, type SectionContent } from "../../domain/document";
import { DAY_MS } from "../../domain/consultation";
import { mailTokenSecret } from "../../mail/config";
import { signMailToken } from "../../mail/tokens";
import { actorByEmail } from "../../testing/actors";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { confirmRegistration } from "../accounts/confirm-registration";
import { registerReader } from "../accounts/register-reader";
import { createProposal } from "../proposals/create-proposal";
import { offlineDraftWriter } from "../proposals/draft-writer";
import { publishProposal } from "../proposals/publish-proposal";
import { submitProposal } from "../proposals/submit-proposal";
import { createThrowawaySigner } from "../proposals/throwaway-signer";
import { addConsultationComment } from "./add-consultation-comment";
import { answerConsultationComment } from "./answer-consultation-comment";
import { consultationJson, getConsultationView } from "./consultation-view";
import { consultationReportHtml, consultationReportModel } from "./consultation-report";
import { moderateConsultationComment, reportConsultationComment } from "./moderate-consultation-comment";
import { openConsultation } from "./open-consultation";

const engines = await availableEngines();
const SLUG = "cam-nang-chuyen-doi-so";
const CLOSING = "loi-tong-ket";
const ADDRESS = "203.0.113.7";

describe.each(engines)("public consultation on %s", (engine) => {
  const signer = createThrowawaySigner();
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  async function people() {
    const { db } = database;
    return {
      lan: await actorByEmail(db, "lan@mof.gov.vn"),
      minh: await actorByEmail(db, "minh@mic.gov.vn"),
      thu: await actorByEmail(db, "thu@moha.gov.vn"),
      khoa: await actorByEmail(db, "khoa@mof.gov.vn"),
      reader: await actorByEmail(db, "docgia@example.vn"),
    };
  }

  /** Lan proposes a change to the closing section and submits it; returns the proposal and a block of it. */
  async function proposalInReview(suffix: string) {
    const { lan } = await people();
    const proposal = await createProposal({ actor: lan, documentSlug: SLUG, input: { title: `Góp ý ${suffix}`, rationale: "Lấy ý kiến nhân dân." } });
    const loaded = await loadProposal(database.db, proposal.id);
    const row = loaded.sections.find((section) => section.slug === CLOSING)!;
    const content = JSON.parse(row.content) as SectionContent;
    const edited: SectionContent = { ...content, content: content.content.map((block, index) => (index === 0 ? { ...block, content: [{ type: "text", text: `${plainText(block)} ${suffix}` }] } : block)) };
    await offlineDraftWriter.replaceSection({ proposalId: proposal.id, sectionId: row.sectionId, content: edited, actorId: lan.id });
    await submitProposal({ actor: lan, proposalId: proposal.id, writer: offlineDraftWriter });
    return { proposalId: proposal.id, sectionId: row.sectionId, blockId: blockId(edited.content[0])!, blockText: plainText(edited.content[0]) };
  }

  it("opens a window no shorter than the document's minimum, for the authors or an admin only", async () => {
    const { lan, reader, minh } = await people();
    const { proposalId } = await proposalInReview("(cửa sổ)");
    const now = new Date();
    const tooSoon = new Date(now.getTime() + 10 * DAY_MS).toISOString();
    await expect(openConsultation({ actor: lan, proposalId, input: { opensAt: now.toISOString(), closesAt: tooSoon } })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "consultationTooShort", messageParams: { minDays: 30 } });
    await expect(openConsultation({ actor: lan, proposalId, input: { opensAt: "mai", closesAt: tooSoon } })).rejects.toMatchObject({ messageKey: "consultationInvalidDates" });
    // A start a moment ago counts from now, so the end leaves a minute to spare.
    const closesAt = new Date(now.getTime() + 30 * DAY_MS + 60_000).toISOString();
    await expect(openConsultation({ actor: reader, proposalId, input: { opensAt: now.toISOString(), closesAt } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(openConsultation({ actor: minh, proposalId, input: { opensAt: now.toISOString(), closesAt } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await openConsultation({ actor: lan, proposalId, input: { opensAt: now.toISOString(), closesAt } });
    await expect(openConsultation({ actor: lan, proposalId, input: { opensAt: now.toISOString(), closesAt } })).rejects.toMatchObject({ code: "CONFLICT", messageKey: "consultationExists" });
    // Anyone reads it at once, with no account.
    const view = await getConsultationView({ actor: null, proposalId });
    expect(consultationJson(view)).toMatchObject({ status: "open", comments: [] });
    const audit = await database.db.auditEvent.findFirst({ where: { action: "consultation.opened", targetId: proposalId } });
    expect(audit?.actorId).toBe(lan.id);
  });

  it("takes comments while open, moderates first-timers, blocks approval until every comment is answered, refuses comments after the end, and tells commenters", async () => {
    const { lan, minh, thu, khoa, reader } = await people();
    const { proposalId, sectionId, blockId: block, blockText } = await proposalInReview("(đầy đủ)");
    const opened = new Date();
    await openConsultation({ actor: lan, proposalId, input: { opensAt: opened.toISOString(), closesAt: new Date(opened.getTime() + 30 * DAY_MS + 60_000).toISOString() } });

    // A first-time commenter waits for the ministry's moderator (pre-moderation is the default).
    const first = await addConsultationComment({ actor: reader, proposalId, clientAddress: ADDRESS, input: { body: "Đoạn này nên nêu rõ thời hạn.", anchor: { kind: "block", sectionId, blockId: block } } });
    expect(first.status).toBe("PENDING");
    expect(consultationJson(await getConsultationView({ actor: null, proposalId })).comments).toEqual([]);
    const own = await getConsultationView({ actor: reader, proposalId });
    expect(own.comments.map((comment) => [comment.id, comment.status])).toEqual([[first.id, "PENDING"]]);
    // Only the proposing ministry's reviewer (or an admin) moderates; Minh is of another ministry.
    await expect(moderateConsultationComment({ actor: minh, proposalId, commentId: first.id, input: { decision: "publish" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await moderateConsultationComment({ actor: khoa, proposalId, commentId: first.id, input: { decision: "publish" } });

    // Known now: the next comment (on a range; the quote is read from the text) is published at once.
    const second = await addConsultationComment({ actor: reader, proposalId, clientAddress: ADDRESS, input: { body: "Cụm từ này khó hiểu.", anchor: { kind: "range", sectionId, blockId: block, start: 0, end: 5, quote: "bịa đặt" } } });
    expect(second.status).toBe("PUBLISHED");
    const whole = await addConsultationComment({ actor: khoa, proposalId, clientAddress: ADDRESS, input: { body: "Quảng cáo không liên quan" } });
    await expect(moderateConsultationComment({ actor: khoa, proposalId, commentId: whole.id, input: { decision: "hide", reason: "  " } })).rejects.toMatchObject({ messageKey: "consultationHideReasonRequired" });
    await moderateConsultationComment({ actor: khoa, proposalId, commentId: whole.id, input: { decision: "hide", reason: "Không liên quan đến dự thảo" } });
    const hiddenAudit = await database.db.auditEvent.findFirst({ where: { action: "consultation.comment_hidden", targetId: proposalId } });
    expect(JSON.parse(hiddenAudit!.data)).toMatchObject({ commentId: whole.id, reason: "Không liên quan đến dự thảo" });

    const publicJson = consultationJson(await getConsultationView({ actor: null, proposalId }));
    expect(publicJson.comments).toEqual([
      { id: first.id, anchor: { kind: "block", sectionId, blockId: block }, body: "Đoạn này nên nêu rõ thời hạn.", author: { name: reader.name }, answer: null },
      { id: second.id, anchor: { kind: "range", sectionId, blockId: block, start: 0, end: 5, quote: blockText.slice(0, 5) }, body: "Cụm từ này khó hiểu.", author: { name: reader.name }, answer: null },
    ]);
    expect(JSON.stringify(publicJson)).not.toContain("docgia@example.vn");
    const lanHeard = await database.db.notification.count({ where: { userId: lan.id, kind: "consultation_comment", proposalId } });
    expect(lanHeard).toBe(3);

    // Approval is refused while two comments have no answer (the hidden one owes nothing).
    await expect(signer.approve(minh, proposalId)).rejects.toMatchObject({ code: "UNPROCESSABLE", messageKey: "consultationUnanswered", messageParams: { count: 2 } });
    await expect(answerConsultationComment({ actor: reader, proposalId, commentId: first.id, input: { disposition: "accepted", reason: "x" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(answerConsultationComment({ actor: lan, proposalId, commentId: whole.id, input: { disposition: "accepted", reason: "x" } })).rejects.toMatchObject({ messageKey: "consultationCommentNotPublished" });
    await answerConsultationComment({ actor: lan, proposalId, commentId: first.id, input: { disposition: "accepted", reason: "Đã bổ sung thời hạn 30 ngày." } });
    await expect(signer.approve(minh, proposalId)).rejects.toMatchObject({ messageParams: { count: 1 } });
    await answerConsultationComment({ actor: lan, proposalId, commentId: second.id, input: { disposition: "explained", reason: "Thuật ngữ theo Nghị định." } });
    expect(await database.db.notification.count({ where: { userId: reader.id, kind: "consultation_answer", proposalId } })).toBe(2);

    // After the end, a comment is refused with the window's end in the message.
    const after = new Date(opened.getTime() + 31 * DAY_MS);
    await expect(addConsultationComment({ actor: reader, proposalId, clientAddress: ADDRESS, now: after, input: { body: "Muộn rồi." } })).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "consultationClosed" });
    expect((await getConsultationView({ actor: null, proposalId, now: after })).consultation.phase).toBe("closed");

    await signer.approve(minh, proposalId);
    expect((await signer.approve(thu, proposalId)).status).toBe("APPROVED");
    const published = await publishProposal({ actor: minh, proposalId, writer: offlineDraftWriter });
    expect(published.kind).toBe("published");
    expect(await database.db.notification.count({ where: { userId: reader.id, kind: "consultation_published", proposalId } })).toBe(1);

    // The report: every published comment with its paragraph, disposition and reason, and the figures.
    const view = await getConsultationView({ actor: null, proposalId });
    const report = consultationReportModel(view, "vi", "http://localhost:3000", new Date());
    expect(report.rows.map((row) => [row[1], row[4], row[5]])).toEqual([
      [reader.name, "Tiếp thu", "Đã bổ sung thời hạn 30 ngày."],
      [reader.name, "Đã giải trình", "Thuật ngữ theo Nghị định."],
    ]);
    expect(report.rows[1][2]).toContain(blockText.slice(0, 5));
    expect(report.facts).toEqual(expect.arrayContaining([{ label: "Ý kiến nhận được", value: "3" }, { label: "Ý kiến bị ẩn", value: "1" }, { label: "Tiếp thu", value: "1" }]));
    expect(consultationReportHtml(report)).toContain("Đã bổ sung thời hạn 30 ngày.");
    expect(view.proposal.publishedVersion?.number).toBeGreaterThan(2);
  });

  it("hides a published comment after the document's number of reports under post-moderation", async () => {
    const { lan, reader, minh, khoa, thu } = await people();
    const document = await database.db.document.findUniqueOrThrow({ where: { slug: SLUG } });
    await database.db.document.update({ where: { id: document.id }, data: { consultationModeration: "POST", consultationHideAfterReports: 2 } });
    const { proposalId } = await proposalInReview("(hậu kiểm)");
    const opened = new Date();
    await openConsultation({ actor: lan, proposalId, input: { opensAt: opened.toISOString(), closesAt: new Date(opened.getTime() + 30 * DAY_MS + 60_000).toISOString() } });
    const comment = await addConsultationComment({ actor: thu, proposalId, clientAddress: ADDRESS, input: { body: "Nội dung xúc phạm" } });
    expect(comment.status).toBe("PUBLISHED");
    expect(await reportConsultationComment({ actor: reader, proposalId, commentId: comment.id })).toEqual({ hidden: false });
    expect(await reportConsultationComment({ actor: reader, proposalId, commentId: comment.id })).toEqual({ hidden: false });
    expect(await reportConsultationComment({ actor: minh, proposalId, commentId: comment.id })).toEqual({ hidden: true });
    expect(consultationJson(await getConsultationView({ actor: null, proposalId })).comments).toEqual([]);
    const moderatorView = await getConsultationView({ actor: khoa, proposalId });
    expect(moderatorView.comments[0]).toMatchObject({ status: "HIDDEN", hiddenAutomatically: true, reports: 2 });
    await database.db.document.update({ where: { id: document.id }, data: { consultationModeration: "PRE", consultationHideAfterReports: 3 } });
  });
});

describe("self-registration of readers", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("says so when email is off, and otherwise makes the account only when the emailed link is followed", async () => {
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      await expect(registerReader({ db: database.db, locale: "vi", clientAddress: ADDRESS, input: { name: "Công dân", email: "cong.dan@example.vn", password: "mat-khau-dai-du" } })).rejects.toMatchObject({ code: "UNAVAILABLE", messageKey: "registrationMailDisabled" });
      process.env.SMTP_URL = "smtp://127.0.0.1:1";
      await expect(registerReader({ db: database.db, locale: "vi", clientAddress: ADDRESS, input: { name: "Công dân", email: "cong.dan@example.vn", password: "ngan" } })).rejects.toMatchObject({ messageKey: "registrationInvalid" });
      await registerReader({ db: database.db, locale: "vi", clientAddress: ADDRESS, input: { name: "Công dân", email: " Cong.Dan@Example.vn ", password: "mat-khau-dai-du" } });
      expect(await database.db.user.findUnique({ where: { email: "cong.dan@example.vn" } })).toBeNull();
      const registration = await database.db.readerRegistration.findUniqueOrThrow({ where: { email: "cong.dan@example.vn" } });
      expect(await database.db.outboundEmail.count({ where: { registrationId: registration.id, kind: "registration_confirmation" } })).toBe(1);

      expect(await confirmRegistration({ db: database.db, token: "khong-hop-le" })).toEqual({ confirmed: false });
      const token = await signMailToken("register", registration.id, mailTokenSecret());
      expect(await confirmRegistration({ db: database.db, token })).toEqual({ confirmed: true, email: "cong.dan@example.vn" });
      const user = await database.db.user.findUniqueOrThrow({ where: { email: "cong.dan@example.vn" } });
      expect(user).toMatchObject({ role: "READER", name: "Công dân", organizationId: null, active: true });
      expect(await confirmRegistration({ db: database.db, token })).toEqual({ confirmed: false });
      // An address that has an account gets no second registration, and is told nothing different.
      await registerReader({ db: database.db, locale: "vi", clientAddress: ADDRESS, input: { name: "Kẻ khác", email: "cong.dan@example.vn", password: "mat-khau-khac-nua" } });
      expect(await database.db.readerRegistration.count({ where: { email: "cong.dan@example.vn" } })).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = saved;
    }
  });
});
