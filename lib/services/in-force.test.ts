import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findVersionInForce, loadDatedVersions } from "../db/documents";
import { versionInForceOn } from "../domain/effective-dates";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";

const engines = await availableEngines();
const SEED = 20261206;
const RUNS = 40;
/** Days are counted from here; histories span a few weeks so that dates collide often. */
const EPOCH = Date.UTC(2025, 0, 1);
const SPAN_DAYS = 30;

function dayOf(offset: number): string {
  return new Date(EPOCH + offset * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A history: each version's effective day (any order: the query must not rely on the chain's
 * days never going back) and, for some, a withdrawal's day, or "" for an event recorded before
 * events carried a day (it takes effect on the day it was recorded).
 */
const history = fc.array(
  fc.record({
    effective: fc.integer({ min: 0, max: SPAN_DAYS }),
    withdrawal: fc.option(fc.oneof(fc.integer({ min: 0, max: SPAN_DAYS }), fc.constant("recorded" as const)), { freq: 2 }),
  }),
  { minLength: 0, maxLength: 12 },
);

describe.each(engines)("the version in force read from the withdrawals and the newest effective versions, on %s", (engine) => {
  let database: TestDatabase;
  let documents = 0;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database.drop();
  });

  it("is the version versionInForceOn finds among every version's dates, on every day", async () => {
    const { db } = database;
    await fc.assert(
      fc.asyncProperty(history, fc.array(fc.integer({ min: -1, max: SPAN_DAYS + 1 }), { minLength: 1, maxLength: 6 }), async (versions, days) => {
        documents += 1;
        const document = await db.document.create({ data: { slug: `in-force-${documents}`, title: `In force ${documents}` } });
        for (const [index, version] of versions.entries()) {
          const row = await db.version.create({ data: { documentId: document.id, number: index + 1, hash: `h${documents}-${index}`, effectiveFrom: dayOf(version.effective) } });
          if (version.withdrawal === null) continue;
          const recorded = version.withdrawal === "recorded";
          const createdAt = new Date(EPOCH + (recorded ? version.effective : 0) * 86_400_000 + 6 * 3_600_000);
          await db.versionEvent.create({ data: { versionId: row.id, kind: "WITHDRAWN", effectiveOn: recorded ? "" : dayOf(version.withdrawal as number), createdAt } });
        }
        const dated = await loadDatedVersions(db, document.id);
        for (const day of days.map(dayOf)) {
          const found = await findVersionInForce(db, document.id, day);
          expect(found?.number ?? null).toBe(versionInForceOn(dated, day));
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("falls back past the newest versions when they are withdrawn, and is null before the first day", async () => {
    const { db } = database;
    const document = await db.document.create({ data: { slug: "in-force-long", title: "In force, long" } });
    const ids: string[] = [];
    for (let number = 1; number <= 30; number += 1) {
      ids.push((await db.version.create({ data: { documentId: document.id, number, hash: `long-${number}`, effectiveFrom: dayOf(number) } })).id);
    }
    // The two newest versions in force are withdrawn: the text falls back to the 28th.
    await db.versionEvent.create({ data: { versionId: ids[29], kind: "WITHDRAWN", effectiveOn: dayOf(31) } });
    await db.versionEvent.create({ data: { versionId: ids[28], kind: "WITHDRAWN", effectiveOn: dayOf(31) } });
    expect((await findVersionInForce(db, document.id, dayOf(30)))?.number).toBe(30);
    expect((await findVersionInForce(db, document.id, dayOf(31)))?.number).toBe(28);
    expect(await findVersionInForce(db, document.id, dayOf(0))).toBeNull();
  });
});
