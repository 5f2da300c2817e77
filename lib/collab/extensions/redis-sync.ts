import { randomUUID } from "node:crypto";
import { Redis } from "@hocuspocus/extension-redis";
import type { Extension } from "@hocuspocus/server";
import IORedis from "ioredis";

/** Keys and channels of the collaboration instances on a Redis that other software may share. */
export const COLLAB_REDIS_PREFIX = "camnang:collab";

/**
 * Several collaboration instances, one document: Hocuspocus's Redis extension relays every
 * update and awareness change between the instances that hold a document, and an instance that
 * loads a document already open elsewhere waits for that instance's state first.
 *
 * Its store lock is left out: it makes every instance but one skip a store, so an instance's
 * own clients' edits could wait for a store that the lock holder had already done without
 * them. Our persistence instead folds the stored state in and writes with a compare-and-set
 * (extensions/persistence.ts), which is correct whichever instance stores, and skips the write
 * when the change is already stored.
 */
export function redisSyncExtension(options: { redisUrl: string; instanceName?: string }): Extension {
  const redis = new Redis({
    createClient: () => new IORedis(options.redisUrl, { maxRetriesPerRequest: null }),
    // Unique per process even when two instances are given one name by mistake.
    identifier: `${options.instanceName ?? "collab"}-${randomUUID()}`,
    prefix: COLLAB_REDIS_PREFIX,
  });
  return {
    extensionName: "redis-sync",
    onConfigure: (payload) => redis.onConfigure(payload),
    afterLoadDocument: (payload) => redis.afterLoadDocument(payload),
    onChange: (payload) => redis.onChange(payload),
    onAwarenessUpdate: (payload) => redis.onAwarenessUpdate(payload),
    beforeBroadcastStateless: (payload) => redis.beforeBroadcastStateless(payload),
    beforeUnloadDocument: (payload) => redis.beforeUnloadDocument(payload),
    afterUnloadDocument: (payload) => redis.afterUnloadDocument(payload),
    onDestroy: () => redis.onDestroy(),
  };
}
