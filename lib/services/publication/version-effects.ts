import { getDb, type DbOrTx } from "../../db/client";
import { findVersion } from "../../db/documents";
import { versionEffects, type SectionEffect } from "../../domain/history/version-effects";
import { cachedOrCreate, derivedCache } from "../../domain/derived-cache";
import { authorize, type Actor } from "../../policies";
import { requireDocument, requireVersion, versionSnapshot } from "../history/lookup";

/** A published version and the one before it never change, so neither do its effects. */
const EFFECTS_KEPT = 512;
const effectsByVersion = derivedCache<SectionEffect[]>(EFFECTS_KEPT);

export interface VersionEffects {
  document: { slug: string; title: string };
  version: { number: number; publishedAt: Date; effectiveFrom: string };
  proposal: { id: string; title: string; legalBasis: string } | null;
  effects: SectionEffect[];
}

/** What version n did to which sections, with the proposal it came from and that proposal's legal basis. */
export async function loadVersionEffects(options: { slug: string; number: number; actor?: Actor | null; db?: DbOrTx }): Promise<VersionEffects> {
  authorize(options.actor ?? null, "document:read");
  const db = options.db ?? (await getDb());
  const document = await requireDocument(db, options.slug);
  const version = await requireVersion(db, document.id, options.number);
  const effects = await cachedOrCreate(effectsByVersion, version.id, async () => {
    const previous = version.number > 1 ? await findVersion(db, document.id, version.number - 1) : null;
    const before = previous ? await versionSnapshot(db, document, previous.id) : null;
    return versionEffects(before, await versionSnapshot(db, document, version.id));
  });
  const proposal = version.proposalId ? await db.proposal.findUnique({ where: { id: version.proposalId }, select: { id: true, title: true, legalBasis: true } }) : null;
  return {
    document: { slug: document.slug, title: document.title },
    version: { number: version.number, publishedAt: version.publishedAt, effectiveFrom: version.effectiveFrom },
    proposal,
    effects,
  };
}

/** The JSON of `GET /api/v1/documents/{slug}/versions/{n}/effects`. */
export function versionEffectsJson(loaded: VersionEffects) {
  return {
    slug: loaded.document.slug,
    version: { number: loaded.version.number, publishedAt: loaded.version.publishedAt.toISOString(), effectiveFrom: loaded.version.effectiveFrom },
    proposal: loaded.proposal ? { id: loaded.proposal.id, title: loaded.proposal.title, legalBasis: loaded.proposal.legalBasis || null } : null,
    effects: loaded.effects.map((effect) => ({
      kind: effect.kind,
      section: effect.section,
      previousTitle: effect.previousTitle,
      positionBefore: effect.positionBefore,
      positionAfter: effect.positionAfter,
    })),
  };
}
