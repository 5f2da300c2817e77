import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headVersion, loadVersionSnapshot } from "../../db/documents";
import { draftSnapshot, loadProposal } from "../../db/proposals";
import { plainText } from "../../domain/document";
import { snapshotHash } from "../../domain/version-hash";
import { actorByEmail } from "../../testing/actors";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { offlineDraftWriter } from "../proposals/draft-writer";
import { publishProposal } from "../proposals/publish-proposal";
import { submitProposal } from "../proposals/submit-proposal";
import { SEED_REPAIR_PROPOSAL } from "../seed-data";
import { verifyDocument } from "../verify-document";
import { blameVersion } from "./blame-version";
import { compareVersions } from "./compare-versions";
import { documentFeed } from "./document-feed";
import { exportVersion } from "./export-version";
import { importChapterProposal } from "./import-chapter-proposal";
import { listSectionHistory } from "./list-section-history";
import { listVersions } from "./list-versions";
import { searchHandbook } from "./search-handbook";
import { sectionFeed } from "./section-feed";
import { startRestoreProposal } from "./start-restore-proposal";
import { versionSummaryText } from "../../i18n/diff-summary";
import { createThrowawaySigner } from "../proposals/throwaway-signer";

const engines = await availableEngines();
const SLUG = "cam-nang-chuyen-doi-so";
const INTRO = "ky-18-ki-cuoi-sau-chinh-phu-so-la-gi";
const CLOSING = "loi-tong-ket";
/** The sentence the web copy broke in two and version 2 joined. */
const REPAIRED = "người đứng đầu quốc gia khi đó là Vua Lý Thái Tổ.";
const BASE_URL = "https://camnang.example";

describe.each(engines)("history of a document on %s", (engine) => {
  const signer = createThrowawaySigner();
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  const actor = (email: string) => actorByEmail(database.db, email);

  it("lists every version with its proposal, ministry, authors, approvers and publisher", async () => {
    const history = await listVersions({ slug: SLUG });
    expect(history.versions.map((version) => version.number)).toEqual([1, 2]);
    const [first, second] = history.versions;
    expect(first).toMatchObject({ prevHash: null, proposal: null, organization: null, authors: [], approvals: [], publisher: { name: "Quản trị viên" } });
    expect(second.prevHash).toBe(first.hash);
    expect(second.proposal).toMatchObject({ title: SEED_REPAIR_PROPOSAL.title, kind: "EDIT" });
    expect(second.organization).toMatchObject({ slug: "bo-tai-chinh", name: "Bộ Tài chính" });
    expect(second.authors.map((author) => author.name)).toEqual(["Nguyễn Thị Lan"]);
    expect(second.approvals.map((approval) => [approval.reviewer.name, approval.organization?.name])).toEqual([
      ["Lê Văn Minh", "Bộ Thông tin và Truyền thông"],
      ["Đỗ Thị Thu", "Bộ Nội vụ"],
    ]);
    expect(second.publisher).toMatchObject({ name: "Lê Văn Minh" });
    expect(second.stats.wordsRemoved).toBeGreaterThan(0);
    expect(second.summary.length).toBeGreaterThan(0);
  });

  it("lists one page of versions: the newest first page, then the page below a number", async () => {
    const newest = await listVersions({ slug: SLUG, page: { size: 1 } });
    expect(newest.versions.map((version) => version.number)).toEqual([2]);
    expect(newest.headNumber).toBe(2);
    expect(newest.olderBefore).toBe(2);
    const older = await listVersions({ slug: SLUG, page: { size: 1, before: 2 } });
    expect(older.versions.map((version) => version.number)).toEqual([1]);
    expect(older.olderBefore).toBeNull();
    expect(older.headNumber).toBe(2);
    const all = await listVersions({ slug: SLUG });
    expect(all.olderBefore).toBeNull();
  });

  it("refuses an unknown document", async () => {
    await expect(listVersions({ slug: "khong-co" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("compares version 1 with 2 as the repair it was: 2 joins, 1 repeated paragraph and 1 stray line removed, no word added", async () => {
    const comparison = await compareVersions({ slug: SLUG, from: 1, to: 2 });
    expect(comparison).toMatchObject({ from: { number: 1 }, to: { number: 2 }, headNumber: 2 });
    // As GET /api/v1/documents/{slug}/diff?from=1&to=2 serves it.
    const served = JSON.parse(JSON.stringify(comparison.diff)) as typeof comparison.diff;
    expect(served.stats).toMatchObject({ blocksJoined: 2, blocksSplit: 0, blocksMoved: 0, repeatedRemoved: 1, linesRemoved: 1, blocksRemoved: 2, wordsAdded: 0 });
    expect(served.stats.wordsRemoved).toBeLessThan(40);
    const blocks = served.sections.flatMap((section) => section.blocks);
    const joins = blocks.filter((block) => block.regroup?.kind === "join");
    expect(joins.map((block) => plainText(block.regroup?.parts[1] ?? { type: "paragraph" }).split(" ").slice(0, 4).join(" "))).toEqual([
      "Vua Lý Thái Tổ.",
      "Chuyển đổi số quốc",
    ]);
    expect(joins.every((block) => block.words?.every((word) => word.op === "equal" || word.text.trim() === ""))).toBe(true);
    const removed = blocks.filter((block) => block.status === "removed");
    expect(removed.map((block) => [block.repeated, plainText(block.before ?? { type: "paragraph" }) === "ĐÁNH GIÁ BÀI VIẾT"])).toEqual([
      [true, false],
      [false, true],
    ]);
    const history = await listVersions({ slug: SLUG });
    expect(history.versions[1].summary).toBe(`Mục “Lời tổng kết”: nối 2 đoạn, xóa 1 đoạn lặp lại, xóa 1 dòng, xóa ${served.stats.wordsRemoved} từ`);
  });

  it("compares in either order, and defaults to the latest against the previous", async () => {
    const reverse = await compareVersions({ slug: SLUG, from: 2, to: 1 });
    expect(reverse.diff.stats).toMatchObject({ wordsAdded: (await compareVersions({ slug: SLUG, from: 1, to: 2 })).diff.stats.wordsRemoved });
    const latest = await compareVersions({ slug: SLUG });
    expect([latest.from.number, latest.to.number]).toEqual([1, 2]);
    const same = await compareVersions({ slug: SLUG, from: 2, to: 2 });
    expect(same.diff.stats.blocksChanged).toBe(0);
  });

  it("answers 400 for bad version numbers and 404 for unknown ones", async () => {
    await expect(compareVersions({ slug: SLUG, from: 0, to: 2 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(compareVersions({ slug: SLUG, from: 1.5, to: 2 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(compareVersions({ slug: SLUG, from: 1, to: 99 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(compareVersions({ slug: "khong-co", from: 1, to: 2 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("blames the repaired paragraph on version 2 and its proposal, the rest on version 1", async () => {
    const blame = await blameVersion({ slug: SLUG, versionNumber: 2 });
    const blocks = blame.sections.flatMap((section) => section.blocks);
    const repaired = blocks.find((block) => plainText(block.node).includes(REPAIRED));
    expect(repaired?.changedIn).toMatchObject({ number: 2, proposal: { title: SEED_REPAIR_PROPOSAL.title } });
    expect(repaired?.blockId).toEqual(expect.any(String));
    const untouched = blocks.filter((block) => block.changedIn.number === 1);
    expect(untouched.length).toBeGreaterThan(blocks.length / 2);
    expect(blocks.every((block) => block.changedIn.number <= 2)).toBe(true);
    const first = await blameVersion({ slug: SLUG, versionNumber: 1 });
    expect(first.sections.flatMap((section) => section.blocks).every((block) => block.changedIn.number === 1)).toBe(true);
    await expect(blameVersion({ slug: SLUG, versionNumber: 7 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists the versions that changed one section", async () => {
    const history = await listSectionHistory({ slug: SLUG, sectionSlug: CLOSING });
    expect(history.section).toMatchObject({ slug: CLOSING, title: "Lời tổng kết", current: true });
    expect(history.entries[0]).toMatchObject({ number: 1, kinds: ["added"] });
    expect(history.entries.map((entry) => entry.number)).toContain(2);
    const repair = history.entries.find((entry) => entry.number === 2);
    expect(repair?.kinds).toEqual(["content"]);
    expect(repair?.version.proposal?.title).toBe(SEED_REPAIR_PROPOSAL.title);
    expect(repair!.wordsRemoved).toBeGreaterThan(repair!.wordsAdded);
    // The first section was not touched by the repair.
    const intro = await listSectionHistory({ slug: SLUG, sectionSlug: INTRO });
    expect(intro.entries.map((entry) => entry.number)).toEqual([1]);
    await expect(listSectionHistory({ slug: SLUG, sectionSlug: "khong-co" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("finds a section by words typed without diacritics, with block id and snippet", async () => {
    const results = await searchHandbook({ query: "chinh phu so" });
    expect(results.total).toBeGreaterThan(0);
    const hit = results.hits.find((candidate) => candidate.blockId !== null);
    expect(hit).toMatchObject({ document: { slug: SLUG }, versionNumber: 2, section: { slug: expect.any(String) } });
    expect(hit!.text.toLowerCase()).toContain("chính phủ số");
    expect(hit!.snippet.parts.some((part) => part.match && part.text.toLowerCase() === "chính phủ số")).toBe(true);

    const king = await searchHandbook({ query: "vua ly thai to" });
    expect(king.hits[0]).toMatchObject({ section: { slug: CLOSING }, score: 2 });
    expect(king.hits[0].text).toContain("Vua Lý Thái Tổ");
    expect((await searchHandbook({ query: "danh gia bai viet" })).total).toBe(0);
    expect((await searchHandbook({ query: "  ?! " })).hits).toEqual([]);
  });

  it("exports a version as Markdown and as standalone HTML with its number, hash and date", async () => {
    const v1 = (await listVersions({ slug: SLUG })).versions[0];
    const markdown = await exportVersion({ slug: SLUG, versionNumber: 1, format: "md", baseUrl: BASE_URL });
    expect(markdown).toMatchObject({ fileName: `${SLUG}-v1.md`, contentType: "text/markdown; charset=utf-8" });
    expect(markdown.body).toContain(`sha256: "${v1.hash}"`);
    expect(markdown.body).toContain("version: 1\n");
    expect(markdown.body).toContain(`source: "${BASE_URL}/${SLUG}/v/1"`);
    expect(markdown.body).toContain("ĐÁNH GIÁ BÀI VIẾT");
    const html = await exportVersion({ slug: SLUG, versionNumber: 1, format: "html", baseUrl: BASE_URL, locale: "vi" });
    expect(html.contentType).toBe("text/html; charset=utf-8");
    expect(html.body).toContain(v1.hash);
    expect(html.body).toContain(`datetime="${v1.publishedAt.toISOString()}"`);
    expect(html.body).toContain("Lời tổng kết");
    await expect(exportVersion({ slug: SLUG, versionNumber: 1, format: "docx", baseUrl: BASE_URL })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("writes Atom feeds with an entry per version, and per version that changed a section", async () => {
    const xml = await documentFeed({ slug: SLUG, baseUrl: BASE_URL });
    expect(xml.match(/<entry>/g)).toHaveLength(2);
    expect(xml.indexOf("<id>https://camnang.example/cam-nang-chuyen-doi-so/v/2</id>")).toBeLessThan(xml.indexOf("<id>https://camnang.example/cam-nang-chuyen-doi-so/v/1</id>"));
    expect(xml).toContain(`href="${BASE_URL}/${SLUG}/so-sanh?from=1&amp;to=2"`);
    const section = await sectionFeed({ slug: SLUG, sectionSlug: CLOSING, baseUrl: BASE_URL });
    expect(section.match(/<entry>/g)).toHaveLength(2);
    expect(section).toContain(`<link rel="self" type="application/atom+xml" href="${BASE_URL}/${SLUG}/lich-su/${CLOSING}/feed.xml"/>`);
    // The section feed says what the document's summary says about that section.
    expect(section).toMatch(/<summary>Mục “Lời tổng kết”: nối 2 đoạn, xóa 1 đoạn lặp lại, xóa 1 dòng, xóa \d+ từ<\/summary>/);
    expect((await sectionFeed({ slug: SLUG, sectionSlug: INTRO, baseUrl: BASE_URL })).match(/<entry>/g)).toHaveLength(1);
  });

  it("stores the summary as facts and says it in the reader's language: history, document feed and section feed in English", async () => {
    const history = await listVersions({ slug: SLUG });
    const second = history.versions[1];
    expect(second.summaryFacts).toMatchObject({ totals: { joined: 2, repeatedRemoved: 1, linesRemoved: 1, wordsAdded: 0 } });
    const removed = second.stats.wordsRemoved;
    const english = `Section “Lời tổng kết”: 2 paragraphs joined, 1 repeated paragraph removed, 1 line removed, ${removed} words removed`;
    expect(versionSummaryText(second, "en")).toBe(english);
    expect(versionSummaryText(second, "vi")).toBe(second.summary);
    // The first version has no facts (nothing before it): its stored text is what every reader gets.
    expect(history.versions[0].summaryFacts).toBeNull();
    expect(versionSummaryText(history.versions[0], "en")).toBe(history.versions[0].summary);

    const feed = await documentFeed({ slug: SLUG, baseUrl: BASE_URL, locale: "en" });
    expect(feed).toContain('xml:lang="en"');
    expect(feed).toContain(`<summary>${english}</summary>`);
    expect(feed).toContain(`<link rel="self" type="application/atom+xml" href="${BASE_URL}/${SLUG}/feed.xml?lang=en"/>`);
    expect(feed).toContain("Version 2: ");
    expect(feed).not.toContain("Phiên bản 2");
    const section = await sectionFeed({ slug: SLUG, sectionSlug: CLOSING, baseUrl: BASE_URL, locale: "en" });
    expect(section).toContain(`<summary>${english}</summary>`);
    expect(section).toContain("Approved by: ");
    expect(section).not.toContain("Phê duyệt:");
  });

  it("restores a whole version through a RESTORE proposal that is reviewed and published like any other", async () => {
    const [lan, minh, thu] = await Promise.all([actor("lan@mof.gov.vn"), actor("minh@mic.gov.vn"), actor("thu@moha.gov.vn")]);
    const proposal = await startRestoreProposal({ actor: lan, slug: SLUG, versionNumber: 1 });
    const loaded = await loadProposal(database.db, proposal.id);
    expect(loaded).toMatchObject({ kind: "RESTORE", status: "DRAFT", title: "Khôi phục phiên bản 1" });
    const document = await database.db.document.findUniqueOrThrow({ where: { slug: SLUG } });
    const v1 = await database.db.version.findFirstOrThrow({ where: { documentId: document.id, number: 1 } });
    const v1Snapshot = await loadVersionSnapshot(database.db, document, v1.id);
    expect(snapshotHash(draftSnapshot(loaded))).toBe(snapshotHash(v1Snapshot));

    await submitProposal({ actor: lan, proposalId: proposal.id, writer: offlineDraftWriter });
    await signer.approve(minh, proposal.id);
    await signer.approve(thu, proposal.id);
    const outcome = await publishProposal({ actor: minh, proposalId: proposal.id, writer: offlineDraftWriter });
    expect(outcome.kind).toBe("published");
    const head = await headVersion(database.db, document.id);
    expect(head?.number).toBe(3);
    expect(snapshotHash(await loadVersionSnapshot(database.db, document, head!.id))).toBe(snapshotHash(v1Snapshot));
    expect(await verifyDocument(SLUG)).toMatchObject({ ok: true, versions: 3 });

    const third = (await listVersions({ slug: SLUG })).versions[2];
    expect(third).toMatchObject({ number: 3, proposal: { kind: "RESTORE" }, approvals: [expect.anything(), expect.anything()] });
    // The restored halves of the broken sentence were last changed by the restore.
    const blame = await blameVersion({ slug: SLUG, versionNumber: 3 });
    const blocks = blame.sections.flatMap((section) => section.blocks);
    expect(blocks.find((block) => plainText(block.node).startsWith("Vua Lý Thái Tổ"))?.changedIn.number).toBe(3);
    expect(blocks.find((block) => plainText(block.node).endsWith("khi đó là"))?.changedIn.number).toBe(3);
  });

  it("restores one section of an old version and keeps the others as they are now", async () => {
    const lan = await actor("lan@mof.gov.vn");
    const document = await database.db.document.findUniqueOrThrow({ where: { slug: SLUG } });
    const v2 = await database.db.version.findFirstOrThrow({ where: { documentId: document.id, number: 2 } });
    const v2Snapshot = await loadVersionSnapshot(database.db, document, v2.id);
    const head = await headVersion(database.db, document.id);
    const headSnapshot = await loadVersionSnapshot(database.db, document, head!.id);
    const closing = v2Snapshot.sections.find((section) => section.slug === CLOSING)!;
    const proposal = await startRestoreProposal({ actor: lan, slug: SLUG, versionNumber: 2, sectionId: closing.id });
    const draft = draftSnapshot(await loadProposal(database.db, proposal.id));
    expect(draft.sections.map((section) => section.id)).toEqual(headSnapshot.sections.map((section) => section.id));
    for (const section of draft.sections) {
      const expected = section.id === closing.id ? closing : headSnapshot.sections.find((candidate) => candidate.id === section.id)!;
      expect(snapshotHash({ ...draft, sections: [section] })).toBe(snapshotHash({ ...draft, sections: [expected] }));
    }
    expect((await loadProposal(database.db, proposal.id)).title).toContain("Khôi phục mục");
  });

  it("refuses a restore that changes nothing, one by a reader, and one of an unknown section", async () => {
    const [lan, reader] = await Promise.all([actor("lan@mof.gov.vn"), actor("docgia@example.vn")]);
    const before = await database.db.proposal.count();
    await expect(startRestoreProposal({ actor: lan, slug: SLUG, versionNumber: 3 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(startRestoreProposal({ actor: lan, slug: SLUG, versionNumber: 1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(startRestoreProposal({ actor: reader, slug: SLUG, versionNumber: 2 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(startRestoreProposal({ actor: lan, slug: SLUG, versionNumber: 2, sectionId: "khong-co" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(startRestoreProposal({ actor: lan, slug: SLUG, versionNumber: 9 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await database.db.proposal.count()).toBe(before);
  });

  it("imports a Markdown chapter as an IMPORT proposal adding validated sections with block ids", async () => {
    const admin = await actor("admin@camnang.gov.vn");
    const markdown = [
      "---",
      'title: "Chương mới"',
      "---",
      "## Dữ liệu số",
      "",
      "Dữ liệu là **tài nguyên** mới.",
      "",
      "- Thu thập",
      "- Chia sẻ",
      "",
      "## Lời tổng kết",
      "",
      "Một mục trùng tên với mục đã có.",
      "",
      "## Lịch sử",
      "",
      "Tên mục trùng với đường dẫn của trang lịch sử.",
    ].join("\n");
    const proposal = await importChapterProposal({ actor: admin, slug: SLUG, input: { markdown } });
    const loaded = await loadProposal(database.db, proposal.id);
    expect(loaded.kind).toBe("IMPORT");
    const draft = draftSnapshot(loaded);
    const added = draft.sections.slice(-3);
    expect(added.map((section) => [section.title, section.slug])).toEqual([
      ["Dữ liệu số", "du-lieu-so"],
      ["Lời tổng kết", `${CLOSING}-2`],
      ["Lịch sử", "lich-su-2"],
    ]);
    expect(draft.sections.slice(0, -3).map((section) => section.slug)).toEqual([INTRO, CLOSING]);
    for (const block of added[0].content.content) expect(block.attrs?.id).toEqual(expect.any(String));
    expect(added[0].content.content.map((block) => block.type)).toEqual(["paragraph", "bulletList"]);
    expect(loaded.title).toBe("Nhập chương: “Dữ liệu số”, “Lời tổng kết”, “Lịch sử”");
  });

  it("refuses an import from a non-admin, an empty file, or content the editor cannot hold, writing nothing", async () => {
    const [admin, lan] = await Promise.all([actor("admin@camnang.gov.vn"), actor("lan@mof.gov.vn")]);
    const before = await database.db.proposal.count();
    await expect(importChapterProposal({ actor: lan, slug: SLUG, input: { markdown: "## A\n\nB" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(importChapterProposal({ actor: admin, slug: SLUG, input: { markdown: "  \n\n" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const invalid = importChapterProposal({ actor: admin, slug: SLUG, input: { markdown: "## Mục hỏng\n\nKý tự điều khiển \u0007 ở đây." } });
    await expect(invalid).rejects.toMatchObject({ code: "INVALID_CONTENT", message: expect.stringContaining("Mục 1 “Mục hỏng”") });
    await expect(importChapterProposal({ actor: admin, slug: SLUG, input: { markdown: `## ${"Dài ".repeat(80)}\n\nA` } })).rejects.toMatchObject({ code: "INVALID_CONTENT" });
    await expect(importChapterProposal({ actor: admin, slug: "khong-co", input: { markdown: "## A\n\nB" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await database.db.proposal.count()).toBe(before);
  });
});
