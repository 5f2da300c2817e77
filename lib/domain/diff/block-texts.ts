import { plainText, type RichNode } from "../document";
import { normalizeText } from "../text";

/**
 * The NFC plain text of each block, computed once per comparison. Block matching, join and
 * split detection, the word diff and the regroup's seams all read the same blocks' texts;
 * before this cache each built and normalized them again (the join and split scenario of the
 * diff benchmark normalized every regrouped paragraph five times). One instance lives for one
 * diffDocuments() call, so a snapshot edited afterwards is never read from a stale entry.
 */
export class BlockTexts {
  private readonly texts = new WeakMap<RichNode, string>();

  text(node: RichNode): string {
    const cached = this.texts.get(node);
    if (cached !== undefined) return cached;
    const text = normalizeText(plainText(node));
    this.texts.set(node, text);
    return text;
  }

  /**
   * joinedText(parts): the parts' texts joined by a space. It is NFC as it stands: a space
   * neither composes with a neighbour nor reorders marks across it, so normalizing the joined
   * text changes nothing (a property test in regroup.test.ts checks this).
   */
  joined(parts: readonly RichNode[]): string {
    let joined = "";
    for (let index = 0; index < parts.length; index++) joined += index === 0 ? this.text(parts[index]) : ` ${this.text(parts[index])}`;
    return joined;
  }

  /** Offsets in joined(parts) where each part after the first begins. */
  seams(parts: readonly RichNode[]): number[] {
    const seams: number[] = [];
    let offset = 0;
    for (let index = 0; index < parts.length - 1; index++) {
      offset += this.text(parts[index]).length + 1;
      seams.push(offset);
    }
    return seams;
  }
}
