import { describe, expect, it } from "vitest";
import { CollabAccessError, TOKEN_REFRESH_MARGIN_MS, createTokenSource, fetchCollabAccess, refreshDelay, type CollabAccess } from "./collab-access";

const NOW = Date.parse("2026-11-28T08:00:00Z");

function access(token: string, expiresInMs: number): CollabAccess {
  return { url: "ws://localhost:3001", document: "proposal:p1:section:s1", token, expiresAt: new Date(NOW + expiresInMs).toISOString(), access: "write" };
}

function fakeFetch(responses: CollabAccess[], calls: string[]): typeof fetch {
  return async (input) => {
    calls.push(String(input));
    const next = responses.shift();
    if (!next) return new Response("{}", { status: 403 });
    return Response.json(next);
  };
}

describe("the collaboration token in the browser", () => {
  it("keeps presenting a token that is valid for a while, and fetches a new one shortly before expiry", async () => {
    const calls: string[] = [];
    let clock = NOW;
    const source = createTokenSource("/api/token", access("first", 5 * 60_000), { fetcher: fakeFetch([access("second", 10 * 60_000)], calls), now: () => clock });
    expect(await source.token()).toBe("first");
    expect(calls).toEqual([]);

    clock = NOW + 5 * 60_000 - TOKEN_REFRESH_MARGIN_MS + 1;
    const [a, b] = await Promise.all([source.token(), source.token()]);
    expect([a, b]).toEqual(["second", "second"]);
    expect(calls).toEqual(["/api/token"]);
  });

  it("schedules the refresh a minute before expiry, and at once for a token about to expire", () => {
    expect(refreshDelay(access("t", 5 * 60_000), NOW)).toBe(4 * 60_000);
    expect(refreshDelay(access("t", 10_000), NOW)).toBe(0);
  });

  it("reports a refusal with its status, so the editor can tell denied from offline", async () => {
    const error = await fetchCollabAccess("/api/token", fakeFetch([], [])).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CollabAccessError);
    expect((error as CollabAccessError).status).toBe(403);
  });
});
