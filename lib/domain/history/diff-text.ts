import { plainText } from "../document";
import type { BlockDiff, DocumentDiff, SectionDiff } from "../diff";

/**
 * A DocumentDiff as plain text for terminals and e-mail, in the style of wdiff:
 * `[-removed words-]{+added words+}` inside a changed paragraph, `-`/`+` before whole
 * paragraphs removed or added. Unchanged sections and paragraphs are left out. The first line is
 * the diff's summary in the same language (lib/i18n/diff-summary.ts words it).
 */
export function diffAsText(diff: DocumentDiff, words: DiffTextWords, summary: string): string {
  const lines = [summary];
  for (const section of diff.sections) {
    if (section.status === "unchanged" && !section.moved) continue;
    lines.push("", sectionHeading(section, words));
    for (const block of section.blocks) {
      const line = blockLine(block, section.status);
      if (line !== null) lines.push(line);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The notes after a section's heading, in the reader's language (the catalog's `diff.text`). */
export interface DiffTextWords {
  sectionStatus: Record<SectionDiff["status"], string>;
  moved: string;
  renamedFrom: (previousTitle: string) => string;
}

function sectionHeading(section: SectionDiff, words: DiffTextWords): string {
  const notes = [words.sectionStatus[section.status]];
  if (section.moved) notes.push(words.moved);
  if (section.renamed) notes.push(words.renamedFrom(section.titleBefore ?? ""));
  return `## ${section.titleAfter ?? section.titleBefore ?? section.sectionId} (${notes.join(", ")})`;
}

function blockLine(block: BlockDiff, sectionStatus: SectionDiff["status"]): string | null {
  if (sectionStatus === "added" && block.after) return `+ ${oneLine(plainText(block.after))}`;
  if (sectionStatus === "removed" && block.before) return `- ${oneLine(plainText(block.before))}`;
  if (block.status === "added" && block.after) return `+ ${oneLine(plainText(block.after))}`;
  if (block.status === "removed" && block.before) return `- ${oneLine(plainText(block.before))}`;
  if (block.status === "unchanged") return block.moved && block.after ? `> ${oneLine(plainText(block.after))}` : null;
  if (block.words) {
    const text = block.words
      .map((word) => (word.op === "equal" ? word.text : word.op === "delete" ? `[-${word.text}-]` : `{+${word.text}+}`))
      .join("");
    return `~ ${oneLine(text)}`;
  }
  const lines: string[] = [];
  if (block.before) lines.push(`- ${oneLine(plainText(block.before))}`);
  if (block.after) lines.push(`+ ${oneLine(plainText(block.after))}`);
  return lines.length > 0 ? lines.join("\n") : null;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ⏎ ");
}
