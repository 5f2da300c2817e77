import { canonicalJson, hashCanonical, sha256Hex } from "./canonical";
import type { DocumentSnapshot } from "./document";

/**
 * Each published version carries the SHA-256 of its canonical content chained to its
 * predecessor's hash, as Git addresses commits: changing any past version's text, order or
 * number changes every later hash, so tampering shows on verification.
 */

/** The hash of what a reader sees: document title and every section's id, slug, title and content, in order. */
export function snapshotHash(snapshot: DocumentSnapshot): string {
  return hashCanonical({
    slug: snapshot.slug,
    title: snapshot.title,
    sections: snapshot.sections.map((section) => ({
      id: section.id,
      slug: section.slug,
      title: section.title,
      content: section.content,
    })),
  });
}

export function versionHash(input: { number: number; prevHash: string | null; contentHash: string }): string {
  return sha256Hex(canonicalJson({ contentHash: input.contentHash, number: input.number, prevHash: input.prevHash ?? "" }));
}

export interface StoredVersion {
  number: number;
  hash: string;
  prevHash: string | null;
  snapshot: DocumentSnapshot;
}

export type ChainVerification =
  | { ok: true; versions: number; headHash: string | null }
  | { ok: false; versions: number; failedAt: number; reason: "content_hash_mismatch" | "chain_broken" | "number_gap" };

/** Recomputes every version's hash in order and checks that each points at its predecessor. */
export function verifyChain(versions: readonly StoredVersion[]): ChainVerification {
  let previous: StoredVersion | null = null;
  for (const version of versions) {
    const expectedNumber = previous ? previous.number + 1 : 1;
    if (version.number !== expectedNumber) {
      return { ok: false, versions: versions.length, failedAt: version.number, reason: "number_gap" };
    }
    const expectedPrev = previous ? previous.hash : null;
    if ((version.prevHash ?? null) !== expectedPrev) {
      return { ok: false, versions: versions.length, failedAt: version.number, reason: "chain_broken" };
    }
    const recomputed = versionHash({ number: version.number, prevHash: version.prevHash, contentHash: snapshotHash(version.snapshot) });
    if (recomputed !== version.hash) {
      return { ok: false, versions: versions.length, failedAt: version.number, reason: "content_hash_mismatch" };
    }
    previous = version;
  }
  return { ok: true, versions: versions.length, headHash: previous?.hash ?? null };
}
