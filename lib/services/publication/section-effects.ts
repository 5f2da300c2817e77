import { getDb, type DbOrTx } from "../../db/client";
import { listPlacements, loadRevisionContents } from "../../db/history";
import { blockIds, sectionEffectsAcross, type SectionEffect } from "../../domain/history/version-effects";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { requireDocument } from "../history/lookup";

export interface SectionEffectsEntry {
  version: { number: number; publishedAt: Date; effectiveFrom: string };
  proposal: { id: string; title: string; legalBasis: string } | null;
  /** What this version did to the section: one effect, or two when it was moved and changed. */
  effects: SectionEffect[];
}

export interface SectionEffects {
  document: { slug: string; title: string };
  section: { id: string; slug: string; title: string };
  /** Oldest first: only the versions with an effect on the section. */
  entries: SectionEffectsEntry[];
}

/**
 * The versions that affected one section (found by its slug, which outlives renames), each with
 * what it did (added, replaced, amended, moved, removed: the same words as the version's effects
 * table), its proposal and the proposal's legal basis.
 */
export async function loadSectionEffects(options: { slug: string; sectionSlug: string; actor?: Actor | null; db?: DbOrTx }): Promise<SectionEffects> {
  authorize(options.actor ?? null, "document:read");
  const db = options.db ?? (await getDb());
  const document = await requireDocument(db, options.slug);
  const section = await db.section.findUnique({ where: { documentId_slug: { documentId: document.id, slug: options.sectionSlug } } });
  if (!section) throw new AppError("NOT_FOUND", "sectionSlugNotFound", { slug: options.sectionSlug });
  const placements = await listPlacements(db, document.id);
  const ownRevisions = placements.flatMap((version) => version.sections.filter((row) => row.sectionId === section.id).map((row) => row.revisionId));
  const contents = await loadRevisionContents(db, ownRevisions);
  const blocks = new Map([...contents].map(([id, content]) => [id, blockIds(content)]));
  const across = sectionEffectsAcross({ id: section.id, slug: section.slug }, placements, (revisionId) => blocks.get(revisionId) ?? new Set());
  const versions = await db.version.findMany({
    where: { documentId: document.id, number: { in: across.map((entry) => entry.number) } },
    select: { number: true, publishedAt: true, effectiveFrom: true, proposal: { select: { id: true, title: true, legalBasis: true } } },
  });
  const byNumber = new Map(versions.map((version) => [version.number, version]));
  const entries = across.map(({ number, effects }): SectionEffectsEntry => {
    const version = byNumber.get(number)!;
    return { version: { number, publishedAt: version.publishedAt, effectiveFrom: version.effectiveFrom }, proposal: version.proposal, effects };
  });
  const lastTitle = entries.at(-1)?.effects.at(-1)?.section.title ?? section.slug;
  return { document: { slug: document.slug, title: document.title }, section: { id: section.id, slug: section.slug, title: lastTitle }, entries };
}

/** The JSON of `GET /api/v1/documents/{slug}/sections/{section}/effects`. */
export function sectionEffectsJson(loaded: SectionEffects) {
  return {
    slug: loaded.document.slug,
    section: loaded.section,
    versions: loaded.entries.map((entry) => ({
      number: entry.version.number,
      publishedAt: entry.version.publishedAt.toISOString(),
      effectiveFrom: entry.version.effectiveFrom,
      proposal: entry.proposal ? { id: entry.proposal.id, title: entry.proposal.title, legalBasis: entry.proposal.legalBasis || null } : null,
      effects: entry.effects.map((effect) => ({
        kind: effect.kind,
        title: effect.section.title,
        previousTitle: effect.previousTitle,
        positionBefore: effect.positionBefore,
        positionAfter: effect.positionAfter,
      })),
    })),
  };
}
