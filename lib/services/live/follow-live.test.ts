import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../../errors";
import { actorByEmail } from "../../testing/actors";
import { createTestDatabase, type TestDatabase } from "../../testing/databases";
import { markNotificationsRead } from "../notifications/list-notifications";
import { addComment } from "../proposals/add-comment";
import { createProposal } from "../proposals/create-proposal";
import { liveEventBus, MemoryEventBus, RedisEventBus, type LiveEventBus } from "./event-bus";
import { followLive, type LiveMessage } from "./follow-live";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

function inbox() {
  const messages: LiveMessage[] = [];
  const waiters: { matches: (message: LiveMessage) => boolean; resolve: () => void }[] = [];
  return {
    messages,
    onMessage: (message: LiveMessage) => {
      messages.push(message);
      for (const waiter of waiters.filter((candidate) => candidate.matches(message))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    until(matches: (message: LiveMessage) => boolean): Promise<void> {
      if (messages.some(matches)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ matches, resolve }));
    },
  };
}

/**
 * The services publish on the process's bus (instance A); the follower listens on another bus
 * (instance B): on Redis a second connection as a second web instance would have, in memory the
 * process's own bus, since the embedded default is one web process.
 */
const DEPLOYMENTS: { name: string; env: string | undefined; follower: () => LiveEventBus }[] = [
  { name: "one process (memory)", env: undefined, follower: () => liveEventBus() },
  { name: "two web instances (Redis)", env: REDIS_URL, follower: () => new RedisEventBus(REDIS_URL) },
];

describe.each(DEPLOYMENTS)("following a proposal page live, $name", (deployment) => {
  let database: TestDatabase;
  let follower: LiveEventBus;
  const savedRedisUrl = process.env.REDIS_URL;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { seed: true });
    const global = globalThis as { handbookLiveEventBus?: LiveEventBus };
    await global.handbookLiveEventBus?.close();
    delete global.handbookLiveEventBus;
    if (deployment.env) process.env.REDIS_URL = deployment.env;
    else delete process.env.REDIS_URL;
    follower = deployment.follower();
    expect(liveEventBus()).toBeInstanceOf(deployment.env ? RedisEventBus : MemoryEventBus);
  });
  afterAll(async () => {
    if (follower !== liveEventBus()) await follower.close();
    await liveEventBus().close();
    delete (globalThis as { handbookLiveEventBus?: LiveEventBus }).handbookLiveEventBus;
    if (savedRedisUrl === undefined) delete process.env.REDIS_URL;
    else process.env.REDIS_URL = savedRedisUrl;
    await database.drop();
  });

  it("tells the author's open page of a reviewer's comment, and their header of the new notification", async () => {
    const { db } = database;
    const lan = await actorByEmail(db, "lan@mof.gov.vn");
    const khoa = await actorByEmail(db, "khoa@mof.gov.vn");
    const proposal = await createProposal({ actor: lan, documentSlug: "cam-nang-chuyen-doi-so", input: { title: "Theo dõi trực tiếp", rationale: "Kiểm thử." } });
    const page = inbox();
    const follow = await followLive({ actor: lan, proposalId: proposal.id, onMessage: page.onMessage, bus: follower });
    try {
      await addComment({ actor: khoa, proposalId: proposal.id, input: { body: "Cần bổ sung số liệu." } });
      await page.until((message) => message.type === "notifications" && message.unread === follow.unread + 1);
      await page.until((message) => message.type === "proposal" && message.change === "proposal.comment_added");

      await markNotificationsRead({ actor: lan });
      await page.until((message) => message.type === "notifications" && message.unread === 0);
    } finally {
      follow.stop();
    }
  });

  it("hears nothing of another proposal or another person", async () => {
    const { db } = database;
    const lan = await actorByEmail(db, "lan@mof.gov.vn");
    const hoa = await actorByEmail(db, "hoa@mof.gov.vn");
    const khoa = await actorByEmail(db, "khoa@mof.gov.vn");
    const watched = await createProposal({ actor: lan, documentSlug: "cam-nang-chuyen-doi-so", input: { title: "Được theo dõi", rationale: "Kiểm thử." } });
    const other = await createProposal({ actor: hoa, documentSlug: "cam-nang-chuyen-doi-so", input: { title: "Không theo dõi", rationale: "Kiểm thử." } });
    const page = inbox();
    const follow = await followLive({ actor: lan, proposalId: watched.id, onMessage: page.onMessage, bus: follower });
    try {
      // Hòa's proposal gets a comment (Hòa is notified, not Lan), then Lan's: once Lan's is heard, the other had been delivered before it.
      await addComment({ actor: khoa, proposalId: other.id, input: { body: "Ý kiến cho Hòa." } });
      await addComment({ actor: khoa, proposalId: watched.id, input: { body: "Ý kiến cho Lan." } });
      await page.until((message) => message.type === "proposal" && message.change === "proposal.comment_added");
      await page.until((message) => message.type === "notifications");
      // (Through Redis the watched proposal's own creation may still be on its way when following begins: only comments are counted.)
      expect(page.messages.filter((message) => message.type === "proposal" && message.change === "proposal.comment_added")).toHaveLength(1);
      expect(page.messages.filter((message) => message.type === "notifications")).toHaveLength(1);
    } finally {
      follow.stop();
    }
  });

  it("refuses to follow a proposal the person may not read, or one that does not exist, before following anything", async () => {
    const { db } = database;
    const lan = await actorByEmail(db, "lan@mof.gov.vn");
    const tuan = await actorByEmail(db, "tuan@mic.gov.vn");
    const draft = await createProposal({ actor: lan, documentSlug: "cam-nang-chuyen-doi-so", input: { title: "Bản nháp riêng", rationale: "Kiểm thử." } });
    const refusal = async (proposalId: string) =>
      followLive({ actor: tuan, proposalId, onMessage: () => undefined, bus: follower }).then(
        () => null,
        (error: unknown) => (isAppError(error) ? error.code : String(error)),
      );
    expect(await refusal(draft.id)).toBe("FORBIDDEN");
    expect(await refusal("khong-co-de-xuat")).toBe("NOT_FOUND");
  });
});
