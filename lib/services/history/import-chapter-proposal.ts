import { randomUUID } from "node:crypto";
import { getDb, type Db } from "../../db/client";
import type { SnapshotSection } from "../../domain/document";
import type { MarkdownSection } from "../../domain/chapter";
import { chapterSections } from "../../editor/markdown";
import { RESERVED_SECTION_SLUGS, uniqueSlug } from "../../domain/slug";
import { ensureBlockIds, validateSectionContent } from "../../editor/content";
import type { ImportProblem } from "../../domain/content-problems";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { createProposal, MAX_PROPOSAL_TITLE_LENGTH } from "../proposals/create-proposal";
import { requireDocument, requireHead, versionSnapshot } from "./lookup";

/**
 * Largest Markdown or Word file imported at once. A chapter of the handbook is tens of
 * kilobytes; 2 MiB is a whole book's worth of text and still parses in a few seconds even
 * when every character is Markdown syntax (lib/editor/markdown.test.ts).
 */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** Most sections one import may add: a chapter has a handful; hundreds mean a wrong file or wrong headings. */
export const MAX_IMPORTED_SECTIONS = 100;


/** Longest section title accepted, as for titles typed in the editor: a line in the table of contents. */
export const MAX_IMPORTED_TITLE_CHARS = 200;

/** The chapter: Markdown text, or sections already read from another format (a Word file, see docx-import.ts). */
export type ImportChapter = { markdown: string } | { sections: readonly MarkdownSection[]; format: "docx" };

export type ImportInput = ImportChapter & {
  /** Proposal title; defaults to one naming the imported sections. */
  title?: string;
  rationale?: string;
  legalBasis?: string;
};

/**
 * Imports a chapter written in Markdown as an IMPORT proposal that adds its sections after
 * the current ones (`#` and `##` headings start sections). Every section is validated
 * against the editor's schema first; on any error nothing is written and the error lists
 * what to fix. The proposal is then edited, reviewed and published like any other.
 */
export async function importChapterProposal(options: { actor: Actor; slug: string; input: ImportInput; db?: Db }) {
  authorize(options.actor, "document:import");
  const input = options.input;
  if ("markdown" in input && Buffer.byteLength(input.markdown, "utf8") > MAX_IMPORT_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", "fileTooLarge", { limitMiB: MAX_IMPORT_BYTES / 1024 / 1024 });
  }
  const parsed = "markdown" in input ? chapterSections(input.markdown) : input.sections;
  if (parsed.length === 0) {
    throw new AppError("BAD_REQUEST", "importEmpty");
  }
  if (parsed.length > MAX_IMPORTED_SECTIONS) {
    throw new AppError("BAD_REQUEST", "importTooManySections", { count: parsed.length, max: MAX_IMPORTED_SECTIONS });
  }

  const db = options.db ?? (await getDb());
  const document = await requireDocument(db, options.slug);
  const head = await requireHead(db, document.id);
  const current = await versionSnapshot(db, document, head.id);
  const taken = new Set<string>(RESERVED_SECTION_SLUGS);
  for (const section of await db.section.findMany({ where: { documentId: document.id }, select: { slug: true } })) taken.add(section.slug);

  const errors: ImportProblem[] = [];
  const added: SnapshotSection[] = [];
  parsed.forEach((section, index) => {
    const place = { section: index + 1, title: section.title.slice(0, 60) };
    const title = section.title.trim();
    if (title.length === 0 || title.length > MAX_IMPORTED_TITLE_CHARS) {
      errors.push({ ...place, kind: "titleLength", max: MAX_IMPORTED_TITLE_CHARS });
      return;
    }
    const result = validateSectionContent(ensureBlockIds(section.content));
    if (!result.ok) {
      errors.push(...result.errors.map((problem) => ({ ...place, kind: "content" as const, problem })));
      return;
    }
    const slug = uniqueSlug(title, taken);
    taken.add(slug);
    added.push({ id: `sec-${randomUUID()}`, slug, title, content: result.content });
  });
  if (errors.length > 0) {
    throw new AppError("INVALID_CONTENT", "importInvalid", { problems: errors }, { problems: errors });
  }

  const names = added.map((section) => `“${section.title}”`).join(", ");
  return createProposal({
    actor: options.actor,
    documentSlug: document.slug,
    kind: "IMPORT",
    sections: [...current.sections, ...added],
    db,
    input: {
      title: options.input.title?.trim() || truncate(`Nhập chương: ${names}`, MAX_PROPOSAL_TITLE_LENGTH),
      rationale: options.input.rationale?.trim() || `Nhập ${added.length} mục mới từ tệp ${"markdown" in input ? "Markdown" : "Word"}.`,
      legalBasis: options.input.legalBasis ?? "",
    },
  });
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
