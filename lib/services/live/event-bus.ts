import { Redis } from "ioredis";
import { decodeLiveEvent, encodeLiveEvent, topicOf, type LiveEvent, type LiveTopic } from "../../domain/live-events";

/**
 * The live event bus: services publish that something changed (after their transaction commits),
 * the server-sent events route subscribes for the browsers connected to this instance. Two
 * implementations of one contract (event-bus.test.ts runs the same cases against both):
 * - in process memory, the embedded default: one web process, so every browser that could care is
 *   connected to the process that made the change;
 * - Redis pub/sub when `REDIS_URL` is set: every web instance publishes to one channel and hears
 *   every event, so a change made through instance A reaches a browser connected to instance B.
 * Events are signals, not data (lib/domain/live-events.ts): the browser reads the page again, so an
 * event lost while Redis is unreachable costs a refresh, and the EventSource's reconnection refreshes.
 */

export type LiveListener = (event: LiveEvent) => void;

export interface LiveEventBus {
  /**
   * Throws only for a malformed event (a mistake in the code); a failure to deliver is logged, not
   * thrown: the change is stored already, and the browsers refresh on their next event or reconnection.
   */
  publish(event: LiveEvent): Promise<void>;
  /** Resolves once the subscription holds (an event published afterwards reaches the listener); the result unsubscribes. */
  subscribe(topics: readonly LiveTopic[], listener: LiveListener): Promise<() => void>;
  close(): Promise<void>;
}

/** The listeners of this process, by topic: both implementations deliver through it. */
class TopicListeners {
  private readonly byTopic = new Map<LiveTopic, Set<LiveListener>>();

  add(topics: readonly LiveTopic[], listener: LiveListener): () => void {
    for (const topic of topics) {
      const listeners = this.byTopic.get(topic) ?? new Set();
      listeners.add(listener);
      this.byTopic.set(topic, listeners);
    }
    return () => {
      for (const topic of topics) {
        const listeners = this.byTopic.get(topic);
        listeners?.delete(listener);
        if (listeners?.size === 0) this.byTopic.delete(topic);
      }
    };
  }

  deliver(event: LiveEvent): void {
    for (const listener of [...(this.byTopic.get(topicOf(event)) ?? [])]) {
      try {
        listener(event);
      } catch (error) {
        // One broken stream must not keep the event from the others.
        console.error("[live] listener failed:", error instanceof Error ? error.message : error);
      }
    }
  }
}

/** The embedded default's bus: delivery in the same process, after the publisher's call returns (as Redis would). */
export class MemoryEventBus implements LiveEventBus {
  private readonly listeners = new TopicListeners();

  async publish(event: LiveEvent): Promise<void> {
    const wire = encodeLiveEvent(event);
    queueMicrotask(() => this.listeners.deliver(decodeLiveEvent(wire)!));
  }

  async subscribe(topics: readonly LiveTopic[], listener: LiveListener): Promise<() => void> {
    return this.listeners.add(topics, listener);
  }

  async close(): Promise<void> {}
}

/** The Redis channel every instance publishes to and hears: events are few (people's actions), so one channel is simplest. */
export const LIVE_CHANNEL = "camnang:live";
/**
 * How long a subscriber waits for Redis at most before its stream opens anyway: a page must not
 * hang on a dead Redis; it then refreshes on reconnection instead of on events.
 */
const SUBSCRIBE_READY_TIMEOUT_MS = 2_000;
/** A publish waits no longer than this for Redis: it runs after a person's change was stored, on their request's time. */
const PUBLISH_TIMEOUT_MS = 500;

/** Several web instances' bus: Redis pub/sub on one channel, two connections (a subscribed connection can only listen). */
export class RedisEventBus implements LiveEventBus {
  private readonly listeners = new TopicListeners();
  private readonly publisher: Redis;
  private subscriber: Redis | null = null;
  private ready: Promise<boolean> | null = null;

  constructor(private readonly url: string, private readonly channel: string = LIVE_CHANNEL) {
    // No offline queue for publishing: while Redis is away a publish fails at once and is logged.
    this.publisher = quietClient(new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: PUBLISH_TIMEOUT_MS }), "publisher");
  }

  /** Listening starts with the first subscriber: a process that only publishes (the CLI, a migration's seed) opens one connection. */
  private listening(): Promise<boolean> {
    if (this.ready) return this.ready;
    // The subscriber reconnects and subscribes again by itself (ioredis autoResubscribe).
    const subscriber = quietClient(new Redis(this.url, { maxRetriesPerRequest: null }), "subscriber");
    this.subscriber = subscriber;
    subscriber.on("message", (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const event = decodeLiveEvent(message);
      if (event) this.listeners.deliver(event);
    });
    this.ready = subscriber.subscribe(this.channel).then(
      () => true,
      (error: unknown) => {
        console.error("[live] redis subscribe failed:", error instanceof Error ? error.message : error);
        return false;
      },
    );
    return this.ready;
  }

  async publish(event: LiveEvent): Promise<void> {
    const wire = encodeLiveEvent(event);
    try {
      await this.publisher.publish(this.channel, wire);
    } catch (error) {
      console.error("[live] publish failed:", error instanceof Error ? error.message : error);
    }
  }

  async subscribe(topics: readonly LiveTopic[], listener: LiveListener): Promise<() => void> {
    const unsubscribe = this.listeners.add(topics, listener);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.listening(), new Promise((resolve) => (timer = setTimeout(resolve, SUBSCRIBE_READY_TIMEOUT_MS)))]);
    clearTimeout(timer);
    return unsubscribe;
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber?.disconnect();
  }
}

/**
 * Logs the client's errors, and lets its socket not keep the process alive: servers are kept alive
 * by their listeners, and a command-line run that announced a change must still exit when done.
 */
function quietClient(client: Redis, name: string): Redis {
  client.on("error", (error: Error) => console.error(`[live] redis ${name}:`, error.message));
  client.on("connect", () => client.stream.unref());
  return client;
}

/** Redis when `REDIS_URL` is set, else memory. */
export function liveEventBusFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): LiveEventBus {
  const redisUrl = env.REDIS_URL?.trim();
  return redisUrl ? new RedisEventBus(redisUrl) : new MemoryEventBus();
}

const globalForLive = globalThis as typeof globalThis & { handbookLiveEventBus?: LiveEventBus };

/** The process's bus (one per process, kept on globalThis so every bundle of the web app shares it). */
export function liveEventBus(): LiveEventBus {
  globalForLive.handbookLiveEventBus ??= liveEventBusFromEnv();
  return globalForLive.handbookLiveEventBus;
}
