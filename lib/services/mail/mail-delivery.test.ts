import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { headVersion, loadVersionSnapshot } from "../../db/documents";
import { loadProposal } from "../../db/proposals";
import { runTransaction } from "../../db/transaction";
import { diffDocuments, diffSummaryFacts } from "../../domain/diff";
import { plainText, type SectionContent } from "../../domain/document";
import { FIRST_RETRY_DELAY_MS } from "../../domain/email-delivery";
import { mailConfigFromEnv, type MailConfig } from "../../mail/config";
import { OUTBOUND_STATUS } from "../../mail/outbound";
import { linksIn, startTestSmtpServer, type ReceivedEmail, type TestSmtpServer } from "../../mail/test-support";
import { createMailTransport, type MailTransport } from "../../mail/transport";
import { startMailWorker, type MailLogger, type MailPassReport } from "../../mail/worker";
import { actorByEmail } from "../../testing/actors";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { notify } from "../notifications/notify";
import { createProposal } from "../proposals/create-proposal";
import { offlineDraftWriter } from "../proposals/draft-writer";
import { publishProposal } from "../proposals/publish-proposal";
import { submitProposal } from "../proposals/submit-proposal";
import { publishVersion } from "../publish-version";
import { composeDailyDigests } from "./compose-daily-digests";
import { confirmSubscription } from "./confirm-subscription";
import { CLAIM_LEASE_MS, deliverDueEmails } from "./deliver-due-emails";
import { describeUnsubscribeLink } from "./describe-unsubscribe-link";
import { purgeExpiredSubscriptions } from "./purge-expired-subscriptions";
import { subscribeByEmail } from "./subscribe-by-email";
import { unsubscribeByToken } from "./unsubscribe-by-token";
import { createThrowawaySigner } from "../proposals/throwaway-signer";

const engines = await availableEngines();
const SLUG = "cam-nang-chuyen-doi-so";
const CLOSING = "loi-tong-ket";
const INTRO = "ky-18-ki-cuoi-sau-chinh-phu-so-la-gi";
const BASE_URL = "https://camnang.test";
const REVIEWERS = ["admin@camnang.gov.vn", "khoa@mof.gov.vn", "minh@mic.gov.vn", "thu@moha.gov.vn"];

const quietLogger: MailLogger = { info() {}, warn() {}, error() {} };

describe.each(engines)("email delivery on %s", (engine) => {
  const signer = createThrowawaySigner();
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  let config: MailConfig;
  let transport: MailTransport;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = '"Cẩm nang mở" <no-reply@camnang.test>';
    process.env.NEXTAUTH_URL = BASE_URL;
    database = await createTestDatabase(engine, { seed: true });
    const loaded = mailConfigFromEnv();
    if (!loaded) throw new Error("mail should be on");
    config = loaded;
    transport = createMailTransport(config);
  });
  afterAll(async () => {
    transport.close();
    await database.drop();
    await smtp.close();
    delete process.env.SMTP_URL;
    delete process.env.MAIL_FROM;
    delete process.env.NEXTAUTH_URL;
  });
  beforeEach(async () => {
    // Each test starts with nothing due and everyone on immediate emails in Vietnamese.
    await database.db.user.updateMany({ data: { emailDelivery: "IMMEDIATE", locale: "vi" } });
    await deliver();
    smtp.received.length = 0;
  });

  const links = () => ({ baseUrl: config.baseUrl, tokenSecret: config.tokenSecret });
  const deliver = (at?: Date) => deliverDueEmails({ db: database.db, transport, links: links(), now: () => at ?? new Date() });
  const to = (address: string) => smtp.received.filter((email) => email.envelopeTo.includes(address));
  const only = (address: string): ReceivedEmail => {
    const emails = to(address);
    expect(emails, address).toHaveLength(1);
    return emails[0];
  };
  const tokenOf = (url: URL) => url.searchParams.get("token") ?? "";
  const oneClickUrl = (email: ReceivedEmail) => new URL(/^<(.+)>$/.exec(email.headers.get("list-unsubscribe") ?? "")?.[1] ?? "about:blank");

  async function proposeEdit(sectionSlug: string, suffix: string): Promise<string> {
    const lan = await actorByEmail(database.db, "lan@mof.gov.vn");
    const proposal = await createProposal({ actor: lan, documentSlug: SLUG, input: { title: `Sửa ${sectionSlug} ${suffix}`, rationale: "Cập nhật theo Nghị định mới." } });
    const loaded = await loadProposal(database.db, proposal.id);
    const row = loaded.sections.find((section) => section.slug === sectionSlug)!;
    const content = JSON.parse(row.content) as SectionContent;
    const edited: SectionContent = {
      ...content,
      content: content.content.map((block, index) => (index === 0 ? { ...block, content: [{ type: "text", text: `${plainText(block)} ${suffix}` }] } : block)),
    };
    await offlineDraftWriter.replaceSection({ proposalId: proposal.id, sectionId: row.sectionId, content: edited, actorId: lan.id });
    return proposal.id;
  }

  async function submitted(suffix: string): Promise<string> {
    const proposalId = await proposeEdit(CLOSING, suffix);
    await submitProposal({ actor: await actorByEmail(database.db, "lan@mof.gov.vn"), proposalId, writer: offlineDraftWriter });
    return proposalId;
  }

  /** Publishes a version that appends a word to the first paragraph of one section, with its summary's counts as a proposal's publication stores them. */
  async function publishSectionEdit(sectionSlug: string, suffix: string) {
    const { db } = database;
    const document = await db.document.findUniqueOrThrow({ where: { slug: SLUG } });
    const head = (await headVersion(db, document.id))!;
    const snapshot = await loadVersionSnapshot(db, document, head.id);
    const sections = snapshot.sections.map((section) => {
      if (section.slug !== sectionSlug) return section;
      const [first, ...rest] = section.content.content;
      return { ...section, content: { ...section.content, content: [{ ...first, content: [{ type: "text", text: `${plainText(first)} ${suffix}` }] }, ...rest] } };
    });
    const admin = await actorByEmail(db, "admin@camnang.gov.vn");
    const next = { ...snapshot, sections };
    // What a proposal's publication stores beside the stats: the summary's counts.
    const summaryFacts = diffSummaryFacts(diffDocuments(snapshot, next));
    return publishVersion({ documentId: document.id, expectedHeadNumber: head.number, snapshot: next, actorId: admin.id, summaryFacts });
  }

  it("emails nobody about the history the seed replays at install", async () => {
    expect(await database.db.outboundEmail.count()).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it("emails reviewers when a proposal awaits them and its authors on decisions, each in their own language, with one-click unsubscribe headers", async () => {
    const { db } = database;
    await db.user.update({ where: { email: "minh@mic.gov.vn" }, data: { locale: "en" } });
    const proposalId = await submitted("(thư A)");
    const title = `Sửa ${CLOSING} (thư A)`;
    const proposalUrl = `${BASE_URL}/lam-viec/de-xuat/${proposalId}`;

    expect((await deliver()).sent).toBe(REVIEWERS.length);
    expect(smtp.received.map((email) => email.envelopeTo[0]).sort()).toEqual(REVIEWERS);
    const english = only("minh@mic.gov.vn");
    expect(english.subject).toBe(`Awaiting your review: ${title}`);
    expect(english.text).toContain(`The proposal “${title}” by Bộ Tài chính awaits review.`);
    expect(english.text).toContain(`Open the proposal: ${proposalUrl}`);
    const vietnamese = only("thu@moha.gov.vn");
    expect(vietnamese.subject).toBe(`Chờ thẩm định: ${title}`);
    expect(vietnamese.text).toContain(`Đề xuất “${title}” của Bộ Tài chính đang chờ thẩm định.`);
    for (const email of smtp.received) {
      expect(email.headers.get("from")).toBe("Cẩm nang mở <no-reply@camnang.test>");
      expect(email.headers.get("list-unsubscribe")).toMatch(/^<https:\/\/camnang\.test\/api\/v1\/unsubscribe\?token=[\w.-]+>$/);
      expect(email.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      expect(email.headers.get("auto-submitted")).toBe("auto-generated");
      expect(email.headers.get("message-id")).toMatch(/^<\w+@camnang\.test>$/);
    }

    smtp.received.length = 0;
    const [minh, thu] = [await actorByEmail(db, "minh@mic.gov.vn"), await actorByEmail(db, "thu@moha.gov.vn")];
    await signer.approve(minh, proposalId);
    await signer.approve(thu, proposalId);
    expect((await publishProposal({ actor: minh, proposalId, writer: offlineDraftWriter })).kind).toBe("published");
    await deliver();
    const toAuthor = to("lan@mof.gov.vn").map((email) => email.subject);
    expect(toAuthor).toEqual(expect.arrayContaining([`Đã phê duyệt: ${title}`, `Đã ban hành: ${title}`]));
    expect(toAuthor).toHaveLength(3);
    expect(to("lan@mof.gov.vn").map((email) => email.text).join("\n")).toContain(`Lê Văn Minh đã phê duyệt đề xuất “${title}”.`);
    // Nobody is emailed about their own act.
    expect(to("minh@mic.gov.vn").filter((email) => email.subject.includes("Approved"))).toHaveLength(0);
  });

  it("stops a person's notification emails from the link in any of them, and a second click is harmless", async () => {
    const { db } = database;
    await submitted("(thư B)");
    await deliver();
    const email = only("khoa@mof.gov.vn");
    const page = linksIn(email.text).find((url) => url.pathname === "/nhan-tin/huy");
    expect(page, "the unsubscribe page link").toBeDefined();
    expect(tokenOf(oneClickUrl(email))).toBe(tokenOf(page!));

    expect(await describeUnsubscribeLink({ token: tokenOf(page!) })).toEqual({ kind: "person", email: "khoa@mof.gov.vn", emailsOff: false });
    // Queued before the click: cancelled, not sent.
    await submitted("(thư B2)");
    expect(await unsubscribeByToken({ token: tokenOf(page!) })).toEqual({ kind: "person" });
    expect(await unsubscribeByToken({ token: tokenOf(page!) })).toEqual({ kind: "person" });
    expect((await db.user.findUniqueOrThrow({ where: { email: "khoa@mof.gov.vn" } })).emailDelivery).toBe("NONE");
    smtp.received.length = 0;
    const report = await deliver();
    expect(report.cancelled).toBe(1);
    expect(to("khoa@mof.gov.vn")).toHaveLength(0);
    expect(to("thu@moha.gov.vn")).toHaveLength(1);
    // The workspace still has every notification.
    expect(await db.notification.count({ where: { user: { email: "khoa@mof.gov.vn" }, kind: "review_requested" } })).toBeGreaterThanOrEqual(2);
    expect(await unsubscribeByToken({ token: "garbage" })).toEqual({ kind: "invalid" });
  });

  it("batches notifications into one daily digest for those who chose it, once", async () => {
    const { db } = database;
    await db.user.update({ where: { email: "thu@moha.gov.vn" }, data: { emailDelivery: "DAILY", locale: "en" } });
    await submitted("(thư C1)");
    await submitted("(thư C2)");
    await deliver();
    expect(to("thu@moha.gov.vn")).toHaveLength(0);
    expect(to("minh@mic.gov.vn")).toHaveLength(2);

    const today = new Date();
    expect(await composeDailyDigests({ db, now: today })).toBe(0);
    const tomorrow = new Date(today.getTime() + 24 * 3_600_000);
    expect(await composeDailyDigests({ db, now: tomorrow })).toBe(1);
    expect(await composeDailyDigests({ db, now: tomorrow })).toBe(0);
    await deliver(tomorrow);
    const digest = only("thu@moha.gov.vn");
    expect(digest.subject).toBe("Cẩm nang mở: 2 notifications today");
    expect(digest.text).toContain("A digest of 2 notifications since the last one:");
    expect(digest.text).toContain(`Sửa ${CLOSING} (thư C1)`);
    expect(digest.text).toContain(`Sửa ${CLOSING} (thư C2)`);
    expect(digest.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    await deliver(tomorrow);
    expect(to("thu@moha.gov.vn")).toHaveLength(1);
  });

  it("sends exactly once what was queued while no worker ran, with two workers and a claim left by a crashed one", async () => {
    const { db } = database;
    const earlier = startMailWorker({ db, config, logger: quietLogger, pollIntervalMs: 60_000 });
    await earlier.stop();
    await submitted("(thư D)");
    const queued = await db.outboundEmail.findMany({ where: { status: OUTBOUND_STATUS.pending } });
    expect(queued).toHaveLength(REVIEWERS.length);
    // A worker claimed this one and died before sending: its claim is older than the lease.
    await db.outboundEmail.update({
      where: { id: queued[0].id },
      data: { status: OUTBOUND_STATUS.sending, attempts: 1, claimToken: "dead-worker", claimedAt: new Date(Date.now() - CLAIM_LEASE_MS - 1_000) },
    });

    const passes: MailPassReport[][] = [[], []];
    const passEvents: (() => void)[] = [];
    const workers = [0, 1].map((index) =>
      startMailWorker({ db, config, logger: quietLogger, pollIntervalMs: 1, onPass: (report) => { passes[index].push(report); passEvents.splice(0).forEach((wake) => wake()); } }),
    );
    await smtp.waitForCount(REVIEWERS.length);
    // Both workers go on polling after everything was sent; wait until each made two more passes.
    const marks = passes.map((list) => list.length);
    while (passes.some((list, index) => list.length < marks[index] + 2)) await new Promise<void>((wake) => passEvents.push(wake));
    await Promise.all(workers.map((worker) => worker.stop()));

    expect(smtp.received.map((email) => email.envelopeTo[0]).sort()).toEqual(REVIEWERS);
    expect(new Set(smtp.received.map((email) => email.headers.get("message-id"))).size).toBe(REVIEWERS.length);
    const rows = await db.outboundEmail.findMany({ where: { id: { in: queued.map((row) => row.id) } } });
    expect(rows.map((row) => row.status)).toEqual(rows.map(() => OUTBOUND_STATUS.sent));
    const sentByWorkers = passes.flat().reduce((sum, report) => sum + report.delivery.sent, 0);
    expect(sentByWorkers).toBe(REVIEWERS.length);
  });

  it("keeps emails while the SMTP server is down and sends them, once, when it is back", async () => {
    const { db } = database;
    const port = smtp.port;
    await smtp.close();
    await submitted("(thư E)");
    const start = new Date();
    const down = await deliver(start);
    expect(down).toMatchObject({ sent: 0, retried: REVIEWERS.length });
    const waiting = await db.outboundEmail.findMany({ where: { status: OUTBOUND_STATUS.pending } });
    expect(waiting).toHaveLength(REVIEWERS.length);
    for (const row of waiting) {
      expect(row.attempts).toBe(1);
      expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(row.nextAttemptAt.getTime()).toBe(start.getTime() + FIRST_RETRY_DELAY_MS);
    }
    // Not due again before its back-off.
    expect((await deliver(start)).claimed).toBe(0);

    smtp = await startTestSmtpServer({ port });
    const later = new Date(start.getTime() + FIRST_RETRY_DELAY_MS);
    expect(await deliver(later)).toMatchObject({ sent: REVIEWERS.length, retried: 0 });
    expect(smtp.received.map((email) => email.envelopeTo[0]).sort()).toEqual(REVIEWERS);
    expect((await db.outboundEmail.findMany({ where: { id: { in: waiting.map((row) => row.id) } } })).every((row) => row.status === OUTBOUND_STATUS.sent && row.attempts === 2)).toBe(true);
  });

  it("lets anyone subscribe to a document or a section with a confirmation link, emails confirmed subscribers on publication, and unsubscribes in one click", async () => {
    const { db } = database;
    const reader = `reader-${engine}@example.org`;
    const sectionReader = `ban-doc-${engine}@example.vn`;
    const otherSection = `khac-${engine}@example.vn`;
    await subscribeByEmail({ input: { email: ` ${reader.toUpperCase()} `, documentSlug: SLUG }, locale: "en", clientAddress: "192.0.2.1" });
    await subscribeByEmail({ input: { email: sectionReader, documentSlug: SLUG, sectionSlug: CLOSING }, locale: "vi", clientAddress: "192.0.2.2" });
    await subscribeByEmail({ input: { email: otherSection, documentSlug: SLUG, sectionSlug: INTRO }, locale: "vi", clientAddress: "192.0.2.3" });
    await deliver();
    const confirmations = [reader, sectionReader, otherSection].map(only);
    expect(confirmations[0].subject).toBe("Confirm your subscription to the document “Cẩm nang chuyển đổi số”");
    expect(confirmations[1].subject).toBe("Xác nhận đăng ký nhận tin về mục “Lời tổng kết” của “Cẩm nang chuyển đổi số”");
    expect(confirmations[0].headers.has("list-unsubscribe")).toBe(false);
    const confirmLinks = confirmations.map((email) => linksIn(email.text).find((url) => url.pathname === "/nhan-tin/xac-nhan"));
    expect(confirmLinks.every((url) => url?.origin === BASE_URL)).toBe(true);

    // Not confirmed yet: a publication reaches nobody.
    smtp.received.length = 0;
    await publishSectionEdit(CLOSING, "(ấn bản F0)");
    await deliver();
    expect(smtp.received).toHaveLength(0);

    for (const url of confirmLinks) expect((await confirmSubscription({ token: tokenOf(url!) })).confirmed).toBe(true);
    // Following the link again says the same and changes nothing.
    expect(await confirmSubscription({ token: tokenOf(confirmLinks[0]!) })).toEqual({
      confirmed: true,
      target: { documentSlug: SLUG, documentTitle: "Cẩm nang chuyển đổi số", sectionTitle: null },
    });

    const version = await publishSectionEdit(CLOSING, "(ấn bản F1)");
    await deliver();
    const toReader = only(reader);
    expect(toReader.subject).toBe(`Cẩm nang chuyển đổi số: version ${version.number} published`);
    expect(toReader.text).toContain("Sections changed:\n- Lời tổng kết");
    // The summary is put into each subscriber's language from the counts stored with the version.
    expect(toReader.text).toContain("Summary of changes: Section “Lời tổng kết”:");
    expect(toReader.text).not.toContain("Tóm tắt thay đổi");
    expect(toReader.text).toContain(`Read this version: ${BASE_URL}/${SLUG}/v/${version.number}`);
    expect(toReader.text).toContain(`See what changed: ${BASE_URL}/${SLUG}/so-sanh?from=${version.number - 1}&to=${version.number}`);
    expect(toReader.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const toSectionReader = only(sectionReader);
    expect(toSectionReader.subject).toBe(`Cẩm nang chuyển đổi số: phiên bản ${version.number} đã được ban hành`);
    expect(toSectionReader.text).toContain("Tóm tắt thay đổi: Mục “Lời tổng kết”:");
    expect(toSectionReader.text).toContain("Bạn nhận email này vì đã đăng ký nhận tin về mục “Lời tổng kết” của “Cẩm nang chuyển đổi số”.");
    expect(to(otherSection)).toHaveLength(0);

    const oneClick = oneClickUrl(toSectionReader);
    expect(oneClick.pathname).toBe("/api/v1/unsubscribe");
    expect(await unsubscribeByToken({ token: tokenOf(oneClick) })).toEqual({ kind: "subscription" });
    expect(await db.emailSubscription.count({ where: { email: sectionReader } })).toBe(0);
    expect(await unsubscribeByToken({ token: tokenOf(oneClick) })).toEqual({ kind: "subscription" });
    expect(await describeUnsubscribeLink({ token: tokenOf(oneClick) })).toEqual({ kind: "subscription", target: null });

    smtp.received.length = 0;
    await publishSectionEdit(CLOSING, "(ấn bản F2)");
    await deliver();
    expect(smtp.received.map((email) => email.envelopeTo[0])).toEqual([reader]);
  });

  it("lets an unconfirmed subscription expire, and limits how often one address may be asked for", async () => {
    const { db } = database;
    const address = `het-han-${engine}@example.vn`;
    const asked = new Date();
    await subscribeByEmail({ input: { email: address, documentSlug: SLUG }, locale: "vi", clientAddress: "198.51.100.7", now: asked });
    await deliver();
    const link = linksIn(only(address).text).find((url) => url.pathname === "/nhan-tin/xac-nhan")!;
    const afterExpiry = new Date(asked.getTime() + 49 * 3_600_000);
    expect(await confirmSubscription({ token: tokenOf(link), now: afterExpiry })).toEqual({ confirmed: false });
    expect(await purgeExpiredSubscriptions({ db, now: afterExpiry })).toBe(1);
    expect(await db.emailSubscription.count({ where: { email: address } })).toBe(0);

    await subscribeByEmail({ input: { email: address, documentSlug: SLUG }, locale: "vi", clientAddress: "198.51.100.7" });
    await subscribeByEmail({ input: { email: address, documentSlug: SLUG }, locale: "vi", clientAddress: "198.51.100.8" });
    await expect(subscribeByEmail({ input: { email: address, documentSlug: SLUG }, locale: "vi", clientAddress: "198.51.100.9" })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(subscribeByEmail({ input: { email: "not an address", documentSlug: SLUG }, locale: "vi", clientAddress: "198.51.100.9" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      messageKey: "invalidEmail",
    });
    await expect(subscribeByEmail({ input: { email: address.replace("@", "+x@"), documentSlug: "khong-co" }, locale: "vi", clientAddress: "198.51.100.9" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("writes outbox rows in the event's transaction: a rolled-back event sends nothing", async () => {
    const { db } = database;
    const before = await db.outboundEmail.count();
    const minh = await db.user.findUniqueOrThrow({ where: { email: "minh@mic.gov.vn" } });
    await expect(
      runTransaction(db, async (tx) => {
        await notify(tx, { userIds: [minh.id], event: { kind: "review_requested", params: { proposalTitle: "Không bao giờ", organizationName: "Bộ Tài chính" } } });
        expect(await tx.outboundEmail.count()).toBe(before + 1);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await db.outboundEmail.count()).toBe(before);
    expect(await db.notification.count({ where: { params: { contains: "Không bao giờ" } } })).toBe(0);
  });

  it("queues nothing, sends nothing and fails nothing when SMTP_URL is unset", async () => {
    const { db } = database;
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      expect(mailConfigFromEnv()).toBeNull();
      const before = await db.outboundEmail.count();
      await submitted("(thư G)");
      expect(await db.outboundEmail.count()).toBe(before);
      expect(await db.notification.count({ where: { params: { contains: "(thư G)" } } })).toBe(REVIEWERS.length);
      await publishSectionEdit(CLOSING, "(ấn bản G)");
      expect(await db.outboundEmail.count()).toBe(before);
      await expect(subscribeByEmail({ input: { email: "off@example.vn", documentSlug: SLUG }, locale: "vi", clientAddress: "203.0.113.1" })).rejects.toMatchObject({
        code: "UNAVAILABLE",
      });
    } finally {
      process.env.SMTP_URL = saved;
    }
  });
});
