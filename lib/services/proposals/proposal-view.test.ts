import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { getProposalView, proposalJson } from "./proposal-view";

const engines = await availableEngines();

describe.each(engines)("a published proposal's public JSON on %s (issue item 9)", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("names people and their ministries, never their email addresses or user ids", async () => {
    const published = await database.db.proposal.findFirstOrThrow({ where: { status: "PUBLISHED" } });
    const view = await getProposalView({ actor: null, proposalId: published.id });
    const body = JSON.stringify(proposalJson(view));
    const people = await database.db.user.findMany({ select: { id: true, email: true, name: true } });
    for (const person of people) {
      expect(body).not.toContain(person.email);
      expect(body).not.toContain(person.id);
    }
    const json = proposalJson(view);
    expect(json.authors.length).toBeGreaterThan(0);
    for (const author of json.authors) expect(Object.keys(author).sort()).toEqual(["name", "organization", "role"]);
    expect(json.authors[0].organization).toBe("Bộ Tài chính");
    expect(json.reviews.length).toBeGreaterThan(0);
    for (const review of json.reviews) expect(Object.keys(review.reviewer).sort()).toEqual(["name", "organization"]);
    // What programs need and names no one stays.
    expect(json.id).toBe(published.id);
    expect(json.sections[0].id).toEqual(expect.any(String));
    expect(json).not.toHaveProperty("resource");
  });
});
