/**
 * The content guard's own replica of a section while people write in it, so that an update is
 * judged without copying and validating the whole section for it.
 *
 * The full check (`judgeUpdate` in extensions/content-guard.ts) copies the live document,
 * applies the update to the copy and validates the whole section: one encode, one decode into
 * a new Y.Doc and one walk of every block per keystroke. A replica instead follows the live
 * document (every update the live document takes is applied to it too), takes the candidate
 * update itself, and validates again only the top-level blocks that the update's transaction
 * changed; the other blocks keep their checks from before. The section-wide rules (JSON size,
 * text length, which blocks in which order) are sums and a sequence over the per-block checks
 * (`checkSectionBlock`, `sectionOfBlocksIsValid` in lib/editor/content.ts).
 *
 * A replica only ever answers "valid". Whenever it finds anything wrong, or cannot be sure
 * (a root or keyed entry beside the fragment, text directly in the section, an update that does
 * not fit in yet, an update of another writer still between its check and the live document,
 * a document that may be near its size limit), the full check decides, so that every refusal,
 * with its reason and problems, is the full check's own.
 */
import * as Y from "yjs";
import { checkSectionBlock, sectionOfBlocksIsValid, type BlockCheck } from "../editor/content";
import { YDOC_FIELD } from "../editor/ydoc";
import { rawBlock } from "./content-inspection";

type ValidBlock = Extract<BlockCheck, { ok: true }>;
/** Any shared type, as Yjs spells it in a transaction's changed set. */
type SharedType = Y.Transaction["changed"] extends Map<infer Type, unknown> ? Type : never;

/**
 * How many bytes one update can add, per byte of its own, to the live document's encoded
 * state: its structs and deletions as they are, plus, per struct or deleted range (each at
 * least one byte of the update), up to two existing items split in two (an extra struct of at
 * most 41 bytes: info, two ids, a length) and a new deleted range (at most 16 bytes). The
 * bound only decides when the state is encoded again to know its size exactly.
 */
const STATE_GROWTH_PER_UPDATE_BYTE = 100;
/** Room for the headers of a client or a deleted range that an update adds to the state. */
const STATE_GROWTH_PER_UPDATE = 64;

function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

function connectionOf(origin: unknown): object | null {
  if (typeof origin !== "object" || origin === null) return null;
  const connection = (origin as { connection?: unknown }).connection;
  return typeof connection === "object" && connection !== null ? connection : null;
}

export type ReplicaAnswer =
  /** The section stays valid with the update; the replica holds it already. */
  | "valid"
  /** The full check decides; the replica is still in step with the live document. */
  | "ask-full-check"
  /** The full check decides; the replica took the update and must be dropped. */
  | "ask-full-check-and-drop";

export class SectionReplica {
  private readonly doc: Y.Doc;
  private readonly fragment: Y.XmlFragment;
  /** Checks of the replica's top-level blocks as they are now; a block its transactions change is checked again. */
  private readonly checks = new WeakMap<object, ValidBlock>();
  /** At least the byte length of the live document's encoded state. */
  private stateBytesBound: number;
  /**
   * Senders whose update the replica judged valid and took, and the live document has not yet
   * applied: their next live update is that one, already here.
   */
  private readonly taken = new Set<object>();
  /** Set when an update of the live document could not be applied here: only the full check is left. */
  private outOfStep = false;
  private readonly followLive = (update: Uint8Array, origin: unknown) => {
    this.stateBytesBound += update.byteLength * STATE_GROWTH_PER_UPDATE_BYTE + STATE_GROWTH_PER_UPDATE;
    const connection = connectionOf(origin);
    if (connection !== null && this.taken.delete(connection)) return;
    try {
      Y.applyUpdate(this.doc, update);
    } catch {
      this.outOfStep = true;
    }
  };

  private readonly liveDestroyed: () => void;

  /** `onLiveDestroyed` is called when the live document is destroyed (unloaded): the replica goes with it. */
  constructor(
    private readonly live: Y.Doc,
    private readonly maxDocumentBytes: number,
    onLiveDestroyed: () => void,
  ) {
    const state = Y.encodeStateAsUpdate(live);
    this.stateBytesBound = state.byteLength;
    this.doc = new Y.Doc({ gc: live.gc });
    Y.applyUpdate(this.doc, state);
    this.fragment = this.doc.getXmlFragment(YDOC_FIELD);
    this.doc.on("afterTransaction", (transaction: Y.Transaction) => this.forgetChanged(transaction));
    live.on("update", this.followLive);
    this.liveDestroyed = onLiveDestroyed;
    live.on("destroy", this.liveDestroyed);
  }

  /** Whether the section stays valid with `update` from `sender`, as far as the replica can tell. */
  judge(update: Uint8Array, sender: object): ReplicaAnswer {
    if (this.outOfStep) return "ask-full-check-and-drop";
    // Another writer's update is checked and not yet applied: the full check judges this one
    // against the live document alone, as it would without a replica.
    if (this.taken.size > 0 || hasPending(this.live) || hasPending(this.doc)) return "ask-full-check";
    if (!this.fitsInSize(update.byteLength)) return "ask-full-check";
    try {
      Y.applyUpdate(this.doc, update);
    } catch {
      return "ask-full-check-and-drop";
    }
    if (hasPending(this.doc) || !this.isValid()) return "ask-full-check-and-drop";
    this.taken.add(sender);
    return "valid";
  }

  /**
   * The live document finished handling a message of `sender`. An update the replica took and
   * the live document did not apply (a later hook refused it) leaves the replica ahead: it must
   * be dropped. Answers whether the replica is still in step.
   */
  settled(sender: object): boolean {
    return !this.taken.delete(sender);
  }

  destroy(): void {
    this.live.off("update", this.followLive);
    this.live.off("destroy", this.liveDestroyed);
    this.doc.destroy();
  }

  /** Whether the live state plus `updateBytes` stays within the limit, encoding the state only when the bound cannot tell. */
  private fitsInSize(updateBytes: number): boolean {
    if (this.stateBytesBound + updateBytes <= this.maxDocumentBytes) return true;
    this.stateBytesBound = Y.encodeStateAsUpdate(this.live).byteLength;
    return this.stateBytesBound + updateBytes <= this.maxDocumentBytes;
  }

  /** The top-level block holding each type the transaction changed loses its check. */
  private forgetChanged(transaction: Y.Transaction): void {
    for (const type of transaction.changed.keys()) {
      let current: SharedType = type;
      while (current._item !== null && current._item.parent !== this.fragment) {
        const parent = current._item.parent;
        if (!(parent instanceof Y.AbstractType)) break;
        current = parent;
      }
      if (current._item !== null) this.checks.delete(current);
    }
  }

  /** The full check's verdict on the replica, from the blocks' checks; false also when unsure. */
  private isValid(): boolean {
    // Roots beside the fragment, or keyed entries in it, are refused by the full check.
    if (this.doc.share.size !== 1 || this.fragment._map.size > 0) return false;
    const blocks: ValidBlock[] = [];
    for (const child of this.fragment.toArray()) {
      if (!(child instanceof Y.XmlElement)) return false;
      let check = this.checks.get(child);
      if (check === undefined) {
        let result: BlockCheck;
        try {
          result = checkSectionBlock(rawBlock(child));
        } catch {
          return false;
        }
        if (!result.ok) return false;
        check = result;
        this.checks.set(child, check);
      }
      blocks.push(check);
    }
    return sectionOfBlocksIsValid(blocks);
  }
}
