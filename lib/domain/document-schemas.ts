import { z } from "zod";
import { isRichNode, isSectionContent, type RichNode, type SectionContent } from "./document";

/**
 * Schemas of the content shapes in document.ts, for reading them back from storage
 * (parseStoredJson). Apart from document.ts so that browser code importing it does not bring zod.
 *
 * Checks in place rather than a z.object per node: content is the largest column and is read on
 * every page, and an object schema copies every node (several times the cost of JSON.parse for a
 * long section) and reorders its keys; the tree passes through untouched.
 */
export const richNodeSchema = z.custom<RichNode>(isRichNode);
export const sectionContentSchema = z.custom<SectionContent>(isSectionContent);
