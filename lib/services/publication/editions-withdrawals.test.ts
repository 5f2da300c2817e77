import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATED_DOCUMENT, noonInVietnam, seedDatedDocument } from "../../testing/dated-document";
import { actorByEmail } from "../../testing/actors";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { documentFeed } from "../history/document-feed";
import { publishedDocumentJson, readPublishedDocument } from "../read-document";
import { createEdition } from "./create-edition";
import { editionJson, listEditions } from "./editions";
import { loadSectionEffects, sectionEffectsJson } from "./section-effects";
import { loadEffectiveTimeline } from "./timeline";
import { withdrawVersion } from "./withdraw-version";

const engines = await availableEngines();
const slug = DATED_DOCUMENT.slug;

describe.each(engines)("editions, withdrawals and per-section effects on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
    await seedDatedDocument(database.db);
  });
  afterAll(async () => {
    await database.drop();
  });
  const admin = () => actorByEmail(database.db, "admin@camnang.gov.vn");

  it("names version 2 as “Ấn bản 2027” at a stable address, listed on the document and on version 2 only", async () => {
    const created = await createEdition({ actor: await admin(), slug, number: 2, name: "Ấn bản 2027", note: "Bản hợp nhất để trích dẫn." });
    expect(created).toEqual({ slug: "an-ban-2027", name: "Ấn bản 2027", note: "Bản hợp nhất để trích dẫn.", version: 2 });

    const current = publishedDocumentJson(await readPublishedDocument({ slug, now: noonInVietnam("2025-07-01") }));
    expect(current.editions).toEqual([
      expect.objectContaining({ slug: "an-ban-2027", name: "Ấn bản 2027", note: "Bản hợp nhất để trích dẫn.", version: 2, url: expect.stringMatching(new RegExp(`/${slug}/an-ban/an-ban-2027$`)) }),
    ]);
    expect(publishedDocumentJson(await readPublishedDocument({ slug, versionNumber: 2 })).editions.map((edition) => edition.slug)).toEqual(["an-ban-2027"]);
    expect(publishedDocumentJson(await readPublishedDocument({ slug, versionNumber: 1 })).editions).toEqual([]);

    const asEdition = await readPublishedDocument({ slug, editionSlug: "an-ban-2027" });
    expect(asEdition.version.number).toBe(2);
    expect(asEdition.edition).toMatchObject({ name: "Ấn bản 2027", version: 2 });
    await expect(readPublishedDocument({ slug, editionSlug: "an-ban-2030" })).rejects.toMatchObject({ code: "NOT_FOUND", messageKey: "editionNotFound" });

    const listed = await listEditions({ slug });
    expect(listed.editions.map((edition) => editionJson(slug, edition).version)).toEqual([2]);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "edition.created" } });
    expect(JSON.parse(audit.data)).toMatchObject({ slug: "an-ban-2027", number: 2 });
  });

  it("refuses a taken address, a bad slug, an empty name, a long note, an unknown version and a non-admin, writing nothing", async () => {
    const actor = await admin();
    const before = await database.db.edition.count();
    await expect(createEdition({ actor, slug, number: 1, name: "Ấn bản 2027" })).rejects.toMatchObject({ code: "CONFLICT", messageKey: "editionExists" });
    await expect(createEdition({ actor, slug, number: 1, name: "Khác", editionSlug: "Ấn-Bản" })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "editionSlugInvalid" });
    await expect(createEdition({ actor, slug, number: 1, name: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "editionNameLength" });
    await expect(createEdition({ actor, slug, number: 1, name: "Dài", note: "x".repeat(501) })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "editionNoteLength" });
    await expect(createEdition({ actor, slug, number: 9, name: "Không có" })).rejects.toMatchObject({ code: "NOT_FOUND", messageKey: "versionNotFound" });
    const reviewer = await actorByEmail(database.db, "minh@mic.gov.vn");
    await expect(createEdition({ actor: reviewer, slug, number: 1, name: "Của người thẩm định" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await database.db.edition.count()).toBe(before);
  });

  it("withdraws version 2 by a new event: from that day the text in force is version 1 again, the days before stay as they were", async () => {
    const actor = await admin();
    const now = noonInVietnam("2025-07-01");
    const before = await database.db.version.findMany({ orderBy: { id: "asc" } });
    await expect(withdrawVersion({ actor, slug, number: 2, reason: "   ", now })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "withdrawalReasonRequired" });
    await expect(withdrawVersion({ actor, slug, number: 2, reason: "Sai căn cứ.", effectiveOn: "2025-06-30", now })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "withdrawalDateTooEarly" });
    await expect(withdrawVersion({ actor, slug, number: 1, reason: "Thử.", now: noonInVietnam("2025-03-01") })).rejects.toMatchObject({ code: "CONFLICT", messageKey: "withdrawalLeavesNothing" });
    const reviewer = await actorByEmail(database.db, "minh@mic.gov.vn");
    await expect(withdrawVersion({ actor: reviewer, slug, number: 2, reason: "Không được.", now })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await database.db.versionEvent.count()).toBe(0);

    const reason = "Căn cứ pháp lý đã bị thay thế.";
    expect(await withdrawVersion({ actor, slug, number: 2, reason, now })).toEqual({ number: 2, effectiveOn: "2025-07-01", reason });
    // The version rows are exactly as they were: withdrawal is an appended event.
    expect(await database.db.version.findMany({ orderBy: { id: "asc" } })).toEqual(before);

    const today = await readPublishedDocument({ slug, now });
    expect(today.version.number).toBe(1);
    expect(today.effect).toMatchObject({ status: "in_force", withdrawnLater: [{ number: 2, effectiveOn: "2025-07-01", reason }] });
    const duringV2 = await readPublishedDocument({ slug, at: "2025-06-15", now });
    expect(duringV2.version.number).toBe(2);
    expect(duringV2.effect).toMatchObject({ status: "withdrawn", withdrawal: { effectiveOn: "2025-07-01", reason } });
    const v2 = publishedDocumentJson(await readPublishedDocument({ slug, versionNumber: 2, now }));
    expect(v2.events).toEqual([{ kind: "WITHDRAWN", version: 2, effectiveOn: "2025-07-01", reason, recordedAt: expect.any(String) }]);
    const asOf = publishedDocumentJson(await readPublishedDocument({ slug, at: "2025-06-15", now }));
    expect(asOf.inForce).toMatchObject({ status: "withdrawn", withdrawnOn: "2025-07-01", supersededOn: null });

    const timeline = await loadEffectiveTimeline({ slug, now });
    expect(timeline.entries.map((entry) => [entry.number, entry.status, entry.withdrawnFrom])).toEqual([
      [1, "in_force", null],
      [2, "withdrawn", "2025-07-01"],
    ]);
    expect(timeline.events).toMatchObject([{ kind: "WITHDRAWN", version: 2, reason }]);
    const feed = await documentFeed({ slug, baseUrl: "https://camnang.example" });
    expect(feed).toContain(`https://camnang.example/${slug}/v/2#rut`);
    expect(feed).toContain(reason);

    await expect(withdrawVersion({ actor, slug, number: 2, reason: "Lần nữa.", now })).rejects.toMatchObject({ code: "CONFLICT", messageKey: "versionAlreadyWithdrawn" });
    await expect(withdrawVersion({ actor, slug, number: 1, reason: "Cả bản này.", now })).rejects.toMatchObject({ code: "CONFLICT", messageKey: "withdrawalLeavesNothing" });
    await expect(createEdition({ actor, slug, number: 2, name: "Ấn bản rút", now })).rejects.toMatchObject({ code: "CONFLICT", messageKey: "editionOfWithdrawnVersion" });
    expect(await database.db.versionEvent.count()).toBe(1);
    expect(await database.db.auditEvent.count({ where: { action: "version.withdrawn" } })).toBe(1);
  });

  it("lists, per section, the versions that affected it with the effect, the proposal and its legal basis", async () => {
    const { sections } = DATED_DOCUMENT;
    const scope = sectionEffectsJson(await loadSectionEffects({ slug, sectionSlug: sections.scope.slug }));
    expect(scope.versions.map((version) => [version.number, version.effects.map((effect) => effect.kind)])).toEqual([
      [1, ["added"]],
      [2, ["amended"]],
    ]);
    expect(scope.versions[1].proposal).toMatchObject({ title: DATED_DOCUMENT.proposalTitle, legalBasis: DATED_DOCUMENT.legalBasis });
    expect(scope.versions[0].proposal).toBeNull();
    const transition = sectionEffectsJson(await loadSectionEffects({ slug, sectionSlug: sections.transition.slug }));
    expect(transition.versions.map((version) => [version.number, version.effects.map((effect) => effect.kind)])).toEqual([
      [1, ["added"]],
      [2, ["removed"]],
    ]);
    const subjects = sectionEffectsJson(await loadSectionEffects({ slug, sectionSlug: sections.subjects.slug }));
    expect(subjects.versions.map((version) => version.number)).toEqual([1]);
    await expect(loadSectionEffects({ slug, sectionSlug: "khong-co" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
