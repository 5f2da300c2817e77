import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { personTopic, proposalTopic, type LiveEvent } from "../../domain/live-events";
import { liveEventBusFromEnv, MemoryEventBus, RedisEventBus, type LiveEventBus } from "./event-bus";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Everything a listener heard, and a promise for the first event that matches. */
function recorder() {
  const heard: LiveEvent[] = [];
  const waiters: { matches: (event: LiveEvent) => boolean; resolve: (event: LiveEvent) => void }[] = [];
  return {
    heard,
    listener: (event: LiveEvent) => {
      heard.push(event);
      for (const waiter of waiters.filter((candidate) => candidate.matches(event))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    },
    next(matches: (event: LiveEvent) => boolean): Promise<LiveEvent> {
      const already = heard.find(matches);
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => waiters.push({ matches, resolve }));
    },
  };
}

const comment = (proposalId: string): LiveEvent => ({ kind: "proposal", proposalId, change: "proposal.comment_added" });

/**
 * Two web instances: one bus each on Redis (a channel of their own per test, so runs in parallel
 * do not hear each other); in memory one process is the whole deployment, so both are the same bus.
 */
type Deployment = { a: LiveEventBus; b: LiveEventBus; channel?: string };
const opened: LiveEventBus[] = [];
const IMPLEMENTATIONS: { name: string; open(): Deployment }[] = [
  {
    name: "in-process memory",
    open: () => {
      const bus = new MemoryEventBus();
      return { a: bus, b: bus };
    },
  },
  {
    name: "Redis pub/sub",
    open: () => {
      const channel = `camnang:live:test:${randomUUID()}`;
      const deployment = { a: new RedisEventBus(REDIS_URL, channel), b: new RedisEventBus(REDIS_URL, channel), channel };
      opened.push(deployment.a, deployment.b);
      return deployment;
    },
  },
];

afterAll(async () => {
  await Promise.all(opened.map((bus) => bus.close()));
});

describe.each(IMPLEMENTATIONS)("the live event bus on $name", (implementation) => {
  it("carries an event published through one instance to a subscriber on the other", async () => {
    const { a, b } = implementation.open();
    const onB = recorder();
    await b.subscribe([proposalTopic("p1")], onB.listener);
    await a.publish(comment("p1"));
    expect(await onB.next(() => true)).toEqual(comment("p1"));
  });

  it("delivers to a subscriber only the topics it follows, each event once", async () => {
    const { a, b } = implementation.open();
    const onlyP1 = recorder();
    const p2AndPerson = recorder();
    await b.subscribe([proposalTopic("p1")], onlyP1.listener);
    await b.subscribe([proposalTopic("p2"), personTopic("u1")], p2AndPerson.listener);
    await a.publish(comment("p1"));
    await a.publish(comment("p2"));
    await a.publish({ kind: "notification", userId: "u2" });
    await a.publish({ kind: "notification", userId: "u1" });
    // Events on one channel arrive in the order they were published: once the last is heard, the others were delivered.
    await p2AndPerson.next((event) => event.kind === "notification");
    await onlyP1.next(() => true);
    expect(onlyP1.heard).toEqual([comment("p1")]);
    expect(p2AndPerson.heard).toEqual([comment("p2"), { kind: "notification", userId: "u1" }]);
  });

  it("stops delivering to a listener that unsubscribed, and keeps delivering to the others", async () => {
    const { a, b } = implementation.open();
    const leaving = recorder();
    const staying = recorder();
    const unsubscribe = await b.subscribe([proposalTopic("p3")], leaving.listener);
    await b.subscribe([proposalTopic("p3")], staying.listener);
    await a.publish(comment("p3"));
    await leaving.next(() => true);
    unsubscribe();
    await a.publish({ kind: "proposal", proposalId: "p3", change: "proposal.reviewed" });
    await staying.next((event) => event.kind === "proposal" && event.change === "proposal.reviewed");
    expect(leaving.heard).toEqual([comment("p3")]);
    expect(staying.heard).toHaveLength(2);
  });

  it("delivers to every listener even when one of them throws", async () => {
    const { a, b } = implementation.open();
    const healthy = recorder();
    await b.subscribe([proposalTopic("p4")], () => {
      throw new Error("a broken stream");
    });
    await b.subscribe([proposalTopic("p4")], healthy.listener);
    await a.publish(comment("p4"));
    expect(await healthy.next(() => true)).toEqual(comment("p4"));
  });

  it("refuses to publish a malformed event and delivers nothing for it", async () => {
    const { a, b } = implementation.open();
    const onB = recorder();
    await b.subscribe([proposalTopic("p5")], onB.listener);
    await expect(a.publish({ kind: "proposal", proposalId: "p5", change: "" })).rejects.toThrow();
    await a.publish(comment("p5"));
    await onB.next(() => true);
    expect(onB.heard).toEqual([comment("p5")]);
  });
});

describe("the Redis bus", () => {
  it("ignores a message on its channel that is not an event", async () => {
    const channel = `camnang:live:test:${randomUUID()}`;
    const bus = new RedisEventBus(REDIS_URL, channel);
    opened.push(bus);
    const heard = recorder();
    await bus.subscribe([proposalTopic("p6")], heard.listener);
    const raw = new Redis(REDIS_URL);
    try {
      await raw.publish(channel, '{"kind":"proposal","proposalId":"p6"}');
      await raw.publish(channel, "not json");
      await raw.publish(channel, JSON.stringify(comment("p6")));
    } finally {
      raw.disconnect();
    }
    await heard.next(() => true);
    expect(heard.heard).toEqual([comment("p6")]);
  });

  it("neither throws nor hangs when Redis does not answer: the change is stored already", async () => {
    // Port 1 on loopback: nothing listens there.
    const bus = new RedisEventBus("redis://127.0.0.1:1", `camnang:live:test:${randomUUID()}`);
    try {
      const unsubscribe = await bus.subscribe([proposalTopic("p7")], () => undefined);
      unsubscribe();
      await expect(bus.publish(comment("p7"))).resolves.toBeUndefined();
    } finally {
      await bus.close();
    }
  });
});

describe("a process that only publishes", () => {
  it("exits by itself once done, its Redis connection notwithstanding (a command-line run that announced a change)", async () => {
    const channel = `camnang:live:test:${randomUUID()}`;
    const listener = new RedisEventBus(REDIS_URL, channel);
    opened.push(listener);
    const heard = recorder();
    await listener.subscribe([proposalTopic("cli")], heard.listener);
    const script = `import { RedisEventBus } from ${JSON.stringify(path.join(__dirname, "event-bus.ts"))};
const bus = new RedisEventBus(${JSON.stringify(REDIS_URL)}, ${JSON.stringify(channel)});
await new Promise((resolve) => setTimeout(resolve, 300));
await bus.publish({ kind: "proposal", proposalId: "cli", change: "document.imported" });`;
    const child = spawnSync(process.execPath, [path.join(__dirname, "../../../node_modules/tsx/dist/cli.mjs"), "--input-type=module", "-e", script], { encoding: "utf8", timeout: 30_000 });
    expect(child.error).toBeUndefined();
    expect(child.status, child.stderr).toBe(0);
    expect(await heard.next(() => true)).toEqual({ kind: "proposal", proposalId: "cli", change: "document.imported" });
  });
});

describe("the bus the environment names", () => {
  it("is Redis with REDIS_URL, memory without", async () => {
    const redis = liveEventBusFromEnv({ REDIS_URL: REDIS_URL });
    opened.push(redis);
    expect(redis).toBeInstanceOf(RedisEventBus);
    expect(liveEventBusFromEnv({})).toBeInstanceOf(MemoryEventBus);
    expect(liveEventBusFromEnv({ REDIS_URL: "  " })).toBeInstanceOf(MemoryEventBus);
  });
});
