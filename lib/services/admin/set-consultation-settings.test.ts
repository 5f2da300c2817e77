import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProposal } from "../../db/proposals";
import { DAY_MS, MAX_CONSULTATION_MIN_DAYS, MAX_HIDE_AFTER_REPORTS } from "../../domain/consultation";
import { plainText, type SectionContent } from "../../domain/document";
import { renderErrorMessage, type AppError } from "../../errors";
import { actorByEmail } from "../../testing/actors";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { openConsultation } from "../consultation/open-consultation";
import { createProposal } from "../proposals/create-proposal";
import { offlineDraftWriter } from "../proposals/draft-writer";
import { submitProposal } from "../proposals/submit-proposal";
import { setConsultationSettings } from "./set-consultation-settings";

const engines = await availableEngines();
const SLUG = "cam-nang-chuyen-doi-so";

describe.each(engines)("a document's consultation settings on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  const settingsOf = async () => {
    const document = await database.db.document.findUniqueOrThrow({ where: { slug: SLUG } });
    return { id: document.id, minDays: document.consultationMinDays, moderation: document.consultationModeration, hideAfterReports: document.consultationHideAfterReports };
  };

  it("refuses people who are not admins and every value out of bounds, changing nothing and auditing nothing", async () => {
    const admin = await actorByEmail(database.db, "admin@camnang.gov.vn");
    const lan = await actorByEmail(database.db, "lan@mof.gov.vn");
    const before = await settingsOf();
    expect(before).toMatchObject({ minDays: 30, moderation: "PRE", hideAfterReports: 3 });
    const valid = { documentId: before.id, minDays: 45, moderation: "POST", hideAfterReports: 2 };

    await expect(setConsultationSettings({ actor: lan, ...valid })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const invalid = [
      { minDays: 0 },
      { minDays: -5 },
      { minDays: MAX_CONSULTATION_MIN_DAYS + 1 },
      { minDays: 100_000 },
      { minDays: 2.5 },
      { minDays: Number.NaN },
      { hideAfterReports: 0 },
      { hideAfterReports: MAX_HIDE_AFTER_REPORTS + 1 },
      { hideAfterReports: Number.NaN },
      { moderation: "LATER" },
      { moderation: "" },
    ];
    for (const change of invalid) {
      const refusal = await setConsultationSettings({ actor: admin, ...valid, ...change }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal, JSON.stringify(change)).toMatchObject({ code: "BAD_REQUEST", messageKey: "consultationSettingsInvalid" });
      // The message says what is allowed, in both languages.
      expect(renderErrorMessage(refusal as AppError, "vi")).toContain(`từ 1 đến ${MAX_CONSULTATION_MIN_DAYS} ngày`);
      expect(renderErrorMessage(refusal as AppError, "en")).toMatch(/\d/);
    }
    await expect(setConsultationSettings({ actor: admin, ...valid, documentId: "khong-co" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await settingsOf()).toEqual(before);
    expect(await database.db.auditEvent.count({ where: { action: "consultation.settings_changed" } })).toBe(0);
  });

  it("stores valid settings with an audit entry of what changed, and the next consultation opens under them", async () => {
    const admin = await actorByEmail(database.db, "admin@camnang.gov.vn");
    const lan = await actorByEmail(database.db, "lan@mof.gov.vn");
    const before = await settingsOf();
    await setConsultationSettings({ actor: admin, documentId: before.id, minDays: 45, moderation: "POST", hideAfterReports: 2 });
    expect(await settingsOf()).toEqual({ id: before.id, minDays: 45, moderation: "POST", hideAfterReports: 2 });
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "consultation.settings_changed", targetId: before.id } });
    expect(audit.actorId).toBe(admin.id);
    expect(JSON.parse(audit.data)).toEqual({ from: { minDays: 30, moderation: "PRE", hideAfterReports: 3 }, to: { minDays: 45, moderation: "POST", hideAfterReports: 2 } });

    const proposal = await createProposal({ actor: lan, documentSlug: SLUG, input: { title: "Thời hạn góp ý mới", rationale: "Thử thiết lập." } });
    const row = (await loadProposal(database.db, proposal.id)).sections.find((section) => section.slug === "loi-tong-ket")!;
    const content = JSON.parse(row.content) as SectionContent;
    const edited: SectionContent = { ...content, content: content.content.map((block, index) => (index === 0 ? { ...block, content: [{ type: "text", text: `${plainText(block)} (thiết lập)` }] } : block)) };
    await offlineDraftWriter.replaceSection({ proposalId: proposal.id, sectionId: row.sectionId, content: edited, actorId: lan.id });
    await submitProposal({ actor: lan, proposalId: proposal.id, writer: offlineDraftWriter });
    const now = new Date();
    // Thirty days was enough before; now it is refused with the new minimum.
    const thirtyDays = new Date(now.getTime() + 30 * DAY_MS + 60_000).toISOString();
    await expect(openConsultation({ actor: lan, proposalId: proposal.id, input: { opensAt: now.toISOString(), closesAt: thirtyDays } })).rejects.toMatchObject({ messageKey: "consultationTooShort", messageParams: { minDays: 45 } });
    expect(await database.db.consultation.count({ where: { proposalId: proposal.id } })).toBe(0);
    const opened = await openConsultation({ actor: lan, proposalId: proposal.id, input: { opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 45 * DAY_MS + 60_000).toISOString() } });
    expect(opened).toMatchObject({ moderation: "POST", hideAfterReports: 2 });
  });
});
