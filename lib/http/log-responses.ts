import { AppError } from "../errors";

/** Query parameters and answers of the transparency log's routes. */

/** A tree size or leaf index: a safe integer (at most 15 digits), written without sign or leading zeros. */
const NON_NEGATIVE_INTEGER = /^(?:0|[1-9][0-9]{0,14})$/;

/** A required query parameter holding 0, 1, 2 … (no sign, no leading zeros): else a 400 naming it. */
export function parseNonNegativeInt(value: string | null, name: string): number {
  if (value === null || !NON_NEGATIVE_INTEGER.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new AppError("BAD_REQUEST", "nonNegativeInteger", { name });
  }
  return Number(value);
}

/** Checkpoints change with every publish and every cosignature: caches must ask again. */
export const CHECKPOINT_CACHE_CONTROL = "no-cache";
/** A full tile never changes (tlog-tiles): a year, immutable. */
export const FULL_TILE_CACHE_CONTROL = "public, max-age=31536000, immutable";
/** A partial tile is replaced by a wider one as the log grows, at the address of the wider one; its own bytes never change either, but clients look for the newest through the checkpoint. */
export const PARTIAL_TILE_CACHE_CONTROL = "public, max-age=60";

export function plainText(body: string, init: { cacheControl: string; status?: number; headers?: Record<string, string> }): Response {
  return new Response(body, {
    status: init.status ?? 200,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": init.cacheControl, ...init.headers },
  });
}
