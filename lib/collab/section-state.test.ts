import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";
import { loadOrSeedSectionState } from "./section-state";
import { createDraft, sectionText } from "./test-helpers";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");
const engines = await availableEngines();

const digest = (state: Uint8Array) => createHash("sha256").update(state).digest("hex");

describe.each(engines)("seeding a section's live state on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("stores exactly one seed when three servers open a new draft at the same moment", async () => {
    const draft = await createDraft(database.db);
    const ref = { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] };
    const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");
    const script = path.join(root, "lib/collab/fixtures/seed-section.ts");
    const child = () => run(process.execPath, [tsx, script, ref.proposalId, ref.sectionId], { env: { ...process.env, DATABASE_URL: database.url }, cwd: root });
    const [first, second, own] = await Promise.all([child(), child(), loadOrSeedSectionState(database.db, ref)]);
    const digests = [first, second].map((result) => (JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "{}") as { digest: string }).digest);
    expect(digests).toEqual([digest(own), digest(own)]);

    const row = await database.db.proposalSection.findFirstOrThrow({ where: { proposalId: ref.proposalId, sectionId: ref.sectionId } });
    expect(row.yState && digest(row.yState)).toBe(digest(own));

    // A client that kept the first seed merges with a reload without doubling anything.
    const client = new Y.Doc();
    Y.applyUpdate(client, own);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, await loadOrSeedSectionState(database.db, ref));
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(client));
    expect(sectionText(reloaded)).toBe(sectionText(client));
  }, 60_000);
});
