import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { afterCommit, runTransaction } from "./transaction";

describe("work after a transaction commits", () => {
  let database: TestDatabase;
  let file: string;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    file = database.url.slice("file:".length);
  });
  afterAll(async () => {
    await database.drop();
  });

  /** Read through a connection of its own, as another process would. */
  function organizationsSeenElsewhere(slug: string): number {
    const other = new Database(file, { readonly: true });
    try {
      return (other.prepare('SELECT count(*) AS n FROM "Organization" WHERE slug = ?').get(slug) as { n: number }).n;
    } finally {
      other.close();
    }
  }

  it("runs once the write is visible to other connections, not inside the transaction", async () => {
    const seen: number[] = [];
    await runTransaction(database.db, async (tx) => {
      await tx.organization.create({ data: { slug: "sau-cam-ket", name: "Bộ thử", nameEn: "Test ministry" } });
      afterCommit(tx, () => seen.push(organizationsSeenElsewhere("sau-cam-ket")));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual([1]);
  });

  it("never runs when the transaction rolls back", async () => {
    const ran: string[] = [];
    await expect(
      runTransaction(database.db, async (tx) => {
        await tx.organization.create({ data: { slug: "hoan-tac", name: "Bộ thử", nameEn: "Test ministry" } });
        afterCommit(tx, () => ran.push("hook"));
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(ran).toEqual([]);
    expect(organizationsSeenElsewhere("hoan-tac")).toBe(0);
  });

  it("runs at once for a write through the plain client, whose call has committed", async () => {
    const ran: number[] = [];
    await database.db.organization.create({ data: { slug: "khong-giao-dich", name: "Bộ thử", nameEn: "Test ministry" } });
    afterCommit(database.db, () => ran.push(organizationsSeenElsewhere("khong-giao-dich")));
    expect(ran).toEqual([1]);
  });

  it("runs once for a transaction retried while another writer held the lock", async () => {
    const blocker = new Database(file, { timeout: 0 });
    blocker.exec("BEGIN IMMEDIATE");
    let attempts = 0;
    const ran: number[] = [];
    const done = runTransaction(database.db, async (tx) => {
      attempts += 1;
      // The hook is asked for before the write, so a failed attempt asked for it too.
      afterCommit(tx, () => ran.push(attempts));
      if (attempts === 1) setTimeout(() => blocker.exec("COMMIT"), 50);
      await tx.organization.findMany();
      await tx.organization.create({ data: { slug: "thu-lai", name: "Bộ thử", nameEn: "Test ministry" } });
    });
    try {
      await done;
    } finally {
      if (blocker.inTransaction) blocker.exec("ROLLBACK");
      blocker.close();
    }
    expect(attempts).toBeGreaterThan(1);
    expect(ran).toEqual([attempts]);
  });

  it("keeps the transaction's result when after-commit work fails", async () => {
    const result = await runTransaction(database.db, async (tx) => {
      afterCommit(tx, () => {
        throw new Error("the courtesy failed");
      });
      return "stored";
    });
    expect(result).toBe("stored");
  });
});
