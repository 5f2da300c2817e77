import type { RichNode, SectionContent } from "./document";
import { plainText } from "./document";

/**
 * Repairs the flaws that copying a chapter from a web page leaves behind: a paragraph broken in
 * the middle of a sentence, a closing paragraph repeated, and the page's rating widget text.
 * Used to prepare the seed's second version; a person reviews the result like any proposal.
 */

/** Page furniture that is not part of the text. */
const WEB_PAGE_FURNITURE = new Set(["ĐÁNH GIÁ BÀI VIẾT"]);
const SENTENCE_END = /[.!?…:;"”)»]$/u;

function isPlainParagraph(node: RichNode): boolean {
  return node.type === "paragraph" && (node.content ?? []).every((child) => child.type === "text" && !child.marks?.length);
}

function joinParagraphs(first: RichNode, second: RichNode): RichNode {
  const text = `${plainText(first).trimEnd()} ${plainText(second).trimStart()}`;
  return { ...first, content: [{ type: "text", text }] };
}

export function repairWebArtifacts(content: SectionContent): SectionContent {
  const repaired: RichNode[] = [];
  for (const block of content.content) {
    const text = plainText(block).trim();
    if (WEB_PAGE_FURNITURE.has(text)) continue;
    const previous = repaired.at(-1);
    if (previous && isPlainParagraph(previous) && isPlainParagraph(block)) {
      const previousText = plainText(previous).trim();
      if (text.length > 0 && previousText.startsWith(text)) continue;
      if (previousText.length > 0 && !SENTENCE_END.test(previousText)) {
        repaired[repaired.length - 1] = joinParagraphs(previous, block);
        continue;
      }
    }
    repaired.push(block);
  }
  return { ...content, content: repaired };
}
