import { checkReceivedCheckpoint, consistencyRangeNeeded, parsePolicy, type CheckpointCheck, type Policy } from "@/lib/domain/tlog";

/**
 * The reader's side of the log in a browser, for the /kiem-chung page and the version pages'
 * badge: fetch the latest checkpoint, demand the consistency proof from the checkpoint kept in
 * this browser (localStorage), and keep the new one only when it holds up. No framework: the
 * standalone page bundles this file as it is.
 */

/** localStorage key of the checkpoint kept for one log (by its origin line). */
export const KEPT_CHECKPOINT_KEY_PREFIX = "camnangmo.checkpoint:";
/** The longest answer read for a checkpoint or a proof (a note is at most 128 KiB, a proof 64 hashes). */
const MAX_ANSWER_CHARACTERS = 256 * 1024;

export type FollowOutcome = CheckpointCheck | { ok: false; security: false; reason: "unreachable"; message: string };

export interface KeptStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

async function fetchText(fetchImpl: typeof fetch, url: string): Promise<string | null> {
  try {
    const response = await fetchImpl(url, { cache: "no-store", credentials: "omit" });
    if (!response.ok) return null;
    const text = await response.text();
    return text.length > MAX_ANSWER_CHARACTERS ? null : text;
  } catch {
    return null;
  }
}

function proofHashes(text: string | null, range: { from: number; to: number }): string[] | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object") return null;
    const hashes = Reflect.get(value, "hashes");
    if (Reflect.get(value, "from") !== range.from || Reflect.get(value, "to") !== range.to || !Array.isArray(hashes)) return null;
    return hashes.every((hash) => typeof hash === "string") ? hashes : null;
  } catch {
    return null;
  }
}

export function keptCheckpointKey(note: string): string {
  return KEPT_CHECKPOINT_KEY_PREFIX + note.slice(0, Math.max(0, note.indexOf("\n")));
}

/** Reads /log/checkpoint from `base`, checks it against what `store` kept, and keeps it if it holds up. */
export async function followLog(options: { base: string; policy: Policy | string; store: KeptStore | null; fetchImpl?: typeof fetch }): Promise<FollowOutcome> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const base = options.base.replace(/\/+$/, "");
  const received = await fetchText(fetchImpl, `${base}/log/checkpoint`);
  if (received === null) return { ok: false, security: false, reason: "unreachable", message: `${base}/log/checkpoint did not answer` };
  let policy: Policy;
  try {
    policy = typeof options.policy === "string" ? parsePolicy(options.policy) : options.policy;
  } catch (error) {
    return { ok: false, security: false, reason: "policy_invalid", message: error instanceof Error ? error.message : String(error) };
  }
  const key = keptCheckpointKey(received);
  let kept: string | null = null;
  try {
    kept = options.store?.getItem(key) ?? null;
  } catch {
    kept = null;
  }
  let proof: string[] | null = null;
  try {
    const range = consistencyRangeNeeded(kept, received, policy);
    if (range) proof = proofHashes(await fetchText(fetchImpl, `${base}/api/v1/log/proof/consistency?from=${range.from}&to=${range.to}`), range);
  } catch {
    // A checkpoint the log did not sign: checkReceivedCheckpoint says so.
  }
  const outcome = checkReceivedCheckpoint({ kept, received, proof, policy });
  if (outcome.ok) {
    try {
      options.store?.setItem(key, outcome.keep);
    } catch {
      // A browser that keeps nothing (private mode, storage full) checks from scratch next time.
    }
  }
  return outcome;
}
