import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATED_DOCUMENT, noonInVietnam, seedDatedDocument } from "../../testing/dated-document";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { listVersions, versionJson } from "../history/list-versions";
import { publishedDocumentJson, readPublishedDocument } from "../read-document";
import { loadEffectiveTimeline } from "./timeline";
import { loadVersionEffects, versionEffectsJson } from "./version-effects";

const engines = await availableEngines();

describe.each(engines)("effects, timeline and dated JSON on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
    await seedDatedDocument(database.db);
  });
  afterAll(async () => {
    await database.drop();
  });

  it("names the sections version 2 changed, with its proposal and legal basis", async () => {
    const json = versionEffectsJson(await loadVersionEffects({ slug: DATED_DOCUMENT.slug, number: 2 }));
    const { sections } = DATED_DOCUMENT;
    expect(json.version).toMatchObject({ number: 2, effectiveFrom: "2025-06-01" });
    expect(json.proposal).toMatchObject({ title: DATED_DOCUMENT.proposalTitle, legalBasis: DATED_DOCUMENT.legalBasis });
    expect(json.effects.map((effect) => [effect.kind, effect.section.slug])).toEqual([
      ["amended", sections.scope.slug],
      ["added", sections.effect.slug],
      ["removed", sections.transition.slug],
    ]);
    // The unchanged section is not listed, though it moved down one place behind the new one.
    expect(json.effects.some((effect) => effect.section.slug === sections.subjects.slug)).toBe(false);
    const first = versionEffectsJson(await loadVersionEffects({ slug: DATED_DOCUMENT.slug, number: 1 }));
    expect(first.effects.every((effect) => effect.kind === "added")).toBe(true);
    expect(first.proposal).toBeNull();
  });

  it("puts publication and effective dates side by side on the timeline, with statuses by the clock", async () => {
    const { entries } = await loadEffectiveTimeline({ slug: DATED_DOCUMENT.slug, now: noonInVietnam("2025-03-15") });
    expect(entries.map((entry) => [entry.number, entry.effectiveFrom, entry.supersededOn, entry.status])).toEqual([
      [1, "2025-01-01", "2025-06-01", "in_force"],
      [2, "2025-06-01", null, "prospective"],
    ]);
    expect(entries[1].publishedAt.toISOString()).toBe(noonInVietnam("2025-06-01").toISOString());
  });

  it("says in the JSON since when the text read is in force, and keeps a version read by number free of what changes", async () => {
    const asOf = publishedDocumentJson(await readPublishedDocument({ slug: DATED_DOCUMENT.slug, at: "2025-03-15" }));
    expect(asOf).toMatchObject({ version: { number: 1, effectiveFrom: "2025-01-01" }, inForce: { asOf: "2025-03-15", status: "superseded", supersededOn: "2025-06-01", inForceToday: 2 } });
    const byNumber = publishedDocumentJson(await readPublishedDocument({ slug: DATED_DOCUMENT.slug, versionNumber: 1 }));
    expect(byNumber).not.toHaveProperty("inForce");
    const listed = (await listVersions({ slug: DATED_DOCUMENT.slug })).versions.map((version) => versionJson(version));
    expect(listed.map((version) => version.effectiveFrom)).toEqual(["2025-01-01", "2025-06-01"]);
  });
});
