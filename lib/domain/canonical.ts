import { createHash } from "node:crypto";

/**
 * Canonical JSON: object keys sorted, no insignificant whitespace, strings NFC-normalized,
 * `undefined` and `null` attribute values dropped. Two documents that mean the same thing
 * serialize to the same bytes, so their hashes match (Yjs round trips drop null attributes).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value));
}

function canonicalize(value: unknown): unknown {
  if (typeof value === "string") return value.normalize("NFC");
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child === undefined || child === null) continue;
      sorted[key] = canonicalize(child);
    }
    return sorted;
  }
  return value;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function hashCanonical(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
