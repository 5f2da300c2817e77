import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { currentContentEpoch } from "./content-epoch";
import { publishedDocumentJson, readPublishedDocument } from "./read-document";

/**
 * Bodies of `GET /api/v1/documents/{slug}` and `…/versions/{n}` kept serialized: a published
 * version never changes, so its JSON is computed once per content epoch (a publish or an
 * ownership change moves it) instead of once per request.
 */
const CACHED_BODIES = 256;

export interface PublishedDocumentBody {
  /** The JSON text, byte for byte what every request for this key gets. */
  body: string;
  /** The same text as UTF-8, encoded once rather than per response. */
  bytes?: Uint8Array;
  /** A strong entity tag: the SHA-256 of those bytes. */
  etag: string;
}

const bodies = new LRUCache<string, Promise<PublishedDocumentBody>>({ max: CACHED_BODIES });

function bodyOf(data: unknown): PublishedDocumentBody {
  const body = JSON.stringify(data);
  const bytes = Buffer.from(body, "utf8");
  return { body, bytes, etag: `"${createHash("sha256").update(bytes).digest("base64url")}"` };
}

/** A published version (the head when no number is given) as its API body, from the cache when the epoch still holds. */
export async function publishedDocumentBody(input: { slug: string; versionNumber?: number; at?: string }): Promise<PublishedDocumentBody> {
  const epoch = await currentContentEpoch();
  // The epoch carries today's day, so the text in force is looked up again when the day changes.
  const key = `${epoch}\u0000${input.slug}\u0000${input.versionNumber ?? `at:${input.at ?? "today"}`}`;
  const cached = bodies.get(key);
  if (cached) return cached;
  const pending = readPublishedDocument(input).then((published) => bodyOf(publishedDocumentJson(published)));
  bodies.set(key, pending);
  // A failure (an unknown slug, a database error) is answered once, not remembered.
  pending.catch(() => {
    if (bodies.get(key) === pending) bodies.delete(key);
  });
  return pending;
}
