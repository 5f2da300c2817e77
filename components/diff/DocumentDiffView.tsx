import type { ReactNode } from "react";
import { diffSummary, formatChangeText } from "@/lib/i18n/diff-summary";
import { plainText } from "@/lib/domain/document";
import {
  isShortLine,
  type BlockDiff,
  type DiffLocale,
  type DocumentDiff,
  type SectionDiff,
  type WordChange,
} from "@/lib/domain/diff";
import type { RichNode } from "@/lib/domain/document";
import type { TextPoint } from "@/lib/domain/anchors";
import { messages, type Messages } from "@/lib/i18n/messages";
import { headingTag, RichNodeView } from "./RichNodeView";
import { planDiffView, type BlockItem, type SectionPlan } from "./view-plan";

/**
 * A DocumentDiff for people: inline (one column, insertions and deletions in place) or side
 * by side (a before/after table). Works without JavaScript: changes are <ins>/<del> with a
 * spoken label and a legend, each change is an anchor with links to the previous and next
 * one, and unchanged stretches fold into <details>.
 */
export interface DocumentDiffViewProps {
  diff: DocumentDiff;
  mode?: "inline" | "side-by-side";
  locale?: DiffLocale;
  /** Prefix of the change anchors (`change-1`, ...); set another when a page shows two diffs. */
  anchorPrefix?: string;
  /** Comments on ranges of the newer side's words: the words are marked and the comment shown beside them. */
  remarks?: readonly DiffRemark[];
}

/** A comment anchored to words of the newer side (lib/domain/anchors.ts points: block id and offset into its text). */
export interface DiffRemark {
  id: string;
  sectionId: string;
  start: TextPoint;
  end: TextPoint;
  author: string;
  body: string;
}

/** A remark's share of one block: [start, end) of the block's newer text. */
interface BlockRemark {
  remark: DiffRemark;
  start: number;
  end: number;
}

interface ViewContext {
  labels: Messages["diff"];
  /** Words of joins, splits, moves, repeats and items. */
  structure: Messages["diff"]["structure"];
  /** Titles by section id, for the links between the two ends of a move. */
  sectionTitles: ReadonlyMap<string, string>;
  /** Anchor of one end of a move: `${prefix}move-m1-from` / `…-to`. */
  moveAnchor: (moveId: string, end: "from" | "to") => string;
  locale: DiffLocale;
  total: number;
  anchor: (number: number) => string;
  /** The remarks on a block of the newer side. */
  remarksFor: (sectionId: string, blockId: string | null) => BlockRemark[];
}

export function DocumentDiffView({ diff, mode = "inline", locale = "vi", anchorPrefix = "change-", remarks = [] }: DocumentDiffViewProps) {
  const labels = messages(locale).diff;
  const plan = planDiffView(diff);
  const context: ViewContext = {
    labels,
    structure: labels.structure,
    sectionTitles: new Map(diff.sections.map((section) => [section.sectionId, section.titleAfter ?? section.titleBefore ?? section.sectionId])),
    moveAnchor: (moveId, end) => `${anchorPrefix}move-${moveId}-${end}`,
    locale,
    total: plan.changeCount,
    anchor: (number) => `${anchorPrefix}${number}`,
    remarksFor: (sectionId, blockId) =>
      blockId === null
        ? []
        : remarks.flatMap((remark) =>
            remark.sectionId === sectionId && (remark.start.blockId === blockId || remark.end.blockId === blockId)
              ? [{ remark, start: remark.start.blockId === blockId ? remark.start.offset : 0, end: remark.end.blockId === blockId ? remark.end.offset : Number.MAX_SAFE_INTEGER }]
              : [],
          ),
  };
  return (
    <section className={`diff diff--${mode}`} aria-label={labels.regionLabel}>
      <p className="diff-summary">{diffSummary(diff, locale)}</p>
      <Legend labels={labels} />
      {plan.changeCount > 0 ? (
        <p className="diff-first">
          <a href={`#${context.anchor(1)}`}>{labels.firstChange}</a>
        </p>
      ) : (
        <p className="diff-none">{labels.noChanges}</p>
      )}
      {plan.sections.map((sectionPlan, index) =>
        sectionPlan.kind === "unchangedSections" ? (
          <UnchangedSections key={index} sections={sectionPlan.sections} labels={labels} />
        ) : (
          <SectionView key={sectionPlan.section.sectionId} plan={sectionPlan} mode={mode} context={context} />
        ),
      )}
    </section>
  );
}

function Legend({ labels }: { labels: Messages["diff"] }) {
  return (
    <p className="diff-legend">
      <span className="diff-legend-title">{labels.legendTitle}:</span> <ins className="diff-ins">{labels.legendInserted}</ins>{" "}
      <del className="diff-del">{labels.legendDeleted}</del> <span className="diff-legend-note">{labels.legendNote}</span>
    </p>
  );
}

function UnchangedSections({ sections, labels }: { sections: SectionDiff[]; labels: Messages["diff"] }) {
  return (
    <details className="diff-fold diff-fold--sections">
      <summary>{labels.unchangedSections(sections.length)}</summary>
      <ul className="diff-fold-list">
        {sections.map((section) => (
          <li key={section.sectionId}>{section.titleAfter ?? section.titleBefore}</li>
        ))}
      </ul>
    </details>
  );
}

function ChangeNavigation({ number, context }: { number: number; context: ViewContext }) {
  const { labels, total, anchor } = context;
  return (
    <p className="diff-nav">
      <span className="diff-nav-counter">{labels.changeCounter(number, total)}</span>
      {number > 1 ? (
        <a className="diff-nav-link" href={`#${anchor(number - 1)}`}>
          {labels.previousChange}
        </a>
      ) : (
        <span className="diff-nav-link diff-nav-link--disabled" aria-disabled="true">
          {labels.previousChange}
        </span>
      )}
      {number < total ? (
        <a className="diff-nav-link" href={`#${anchor(number + 1)}`}>
          {labels.nextChange}
        </a>
      ) : (
        <span className="diff-nav-link diff-nav-link--disabled" aria-disabled="true">
          {labels.nextChange}
        </span>
      )}
    </p>
  );
}

function SectionView({
  plan,
  mode,
  context,
}: {
  plan: Extract<SectionPlan, { kind: "section" }>;
  mode: "inline" | "side-by-side";
  context: ViewContext;
}) {
  const { section, headerChange } = plan;
  return (
    <section className={`diff-section diff-section--${section.status}`}>
      <header className="diff-section-header" id={headerChange === null ? undefined : context.anchor(headerChange)}>
        <h2 className="diff-section-title">{section.titleAfter ?? section.titleBefore}</h2>
        <SectionBadges section={section} labels={context.labels} />
        {headerChange === null ? null : <ChangeNavigation number={headerChange} context={context} />}
      </header>
      {mode === "inline" ? <InlineSectionBody plan={plan} context={context} /> : <SideBySideSectionBody plan={plan} context={context} />}
    </section>
  );
}

function SectionBadges({ section, labels }: { section: SectionDiff; labels: Messages["diff"] }) {
  const badges: { key: string; text: string }[] = [];
  if (section.status === "added") badges.push({ key: "added", text: labels.sectionAdded });
  if (section.status === "removed") badges.push({ key: "removed", text: labels.sectionRemoved });
  if (section.moved && section.positionBefore !== null && section.positionAfter !== null) {
    badges.push({ key: "moved", text: labels.sectionMoved(section.positionBefore + 1, section.positionAfter + 1) });
  }
  if (section.renamed && section.titleBefore !== null) badges.push({ key: "renamed", text: labels.sectionRenamed(section.titleBefore) });
  if (section.slugBefore !== null && section.slugAfter !== null && section.slugBefore !== section.slugAfter) {
    badges.push({ key: "slug", text: labels.slugChanged(section.slugBefore, section.slugAfter) });
  }
  if (badges.length === 0) return null;
  return (
    <ul className="diff-badges">
      {badges.map((badge) => (
        <li key={badge.key} className={`diff-badge diff-badge--${badge.key}`}>
          {badge.text}
        </li>
      ))}
    </ul>
  );
}

// --- Inline ---------------------------------------------------------------------------

function InlineSectionBody({ plan, context }: { plan: Extract<SectionPlan, { kind: "section" }>; context: ViewContext }) {
  const { section } = plan;
  if (section.status === "added" || section.status === "removed") {
    return (
      <div className="diff-section-body">
        {section.blocks.map((block, index) => (
          <InlineBlock key={index} block={block} context={context} sectionId={section.sectionId} />
        ))}
      </div>
    );
  }
  return (
    <div className="diff-section-body">
      {plan.items.map((item, index) => (
        <InlineItem key={index} item={item} context={context} sectionId={section.sectionId} />
      ))}
    </div>
  );
}

function InlineItem({ item, context, sectionId }: { item: BlockItem; context: ViewContext; sectionId: string }) {
  if (item.kind === "context") {
    return context.remarksFor(sectionId, item.block.blockId).length > 0 ? (
      <InlineBlock block={item.block} context={context} sectionId={sectionId} />
    ) : (
      <UnchangedBlock node={blockNode(item.block)} labels={context.labels} />
    );
  }
  if (item.kind === "fold") {
    // A fold holding words a comment points at stays open, so the comment is seen at its place.
    const remarked = item.blocks.some((block) => context.remarksFor(sectionId, block.blockId).length > 0);
    return (
      <details className="diff-fold" open={remarked || undefined}>
        <summary>{context.labels.unchangedBlocks(item.blocks.length)}</summary>
        <div className="diff-fold-body">
          {item.blocks.map((block, index) =>
            remarked ? (
              <InlineBlock key={index} block={block} context={context} sectionId={sectionId} />
            ) : (
              <UnchangedBlock key={index} node={blockNode(block)} labels={context.labels} />
            ),
          )}
        </div>
      </details>
    );
  }
  return (
    <div className="diff-change" id={context.anchor(item.number)}>
      <ChangeNavigation number={item.number} context={context} />
      {item.blocks.map((block, index) => (
        <InlineBlock key={index} block={block} context={context} sectionId={sectionId} />
      ))}
    </div>
  );
}

function InlineBlock({ block, context, sectionId }: { block: BlockDiff; context: ViewContext; sectionId: string }) {
  const remarks = block.after ? context.remarksFor(sectionId, block.blockId) : [];
  if (remarks.length > 0 && block.after && (block.status === "unchanged" || (block.words && !block.regroup))) {
    const words: WordChange[] = block.words ?? [{ op: "equal", text: plainText(block.after).normalize("NFC") }];
    return (
      <div className={`diff-block diff-block--${block.status} diff-block--remarked`}>
        <BlockNotes block={block} context={context} />
        <WordsView node={block.after} words={words} show="both" labels={context.labels} remarks={remarks} />
        <RemarkList remarks={remarks} />
        <ItemChanges block={block} context={context} />
      </div>
    );
  }
  return <PlainInlineBlock block={block} context={context} />;
}

/** The comments beside the words they are anchored to. */
function RemarkList({ remarks }: { remarks: readonly BlockRemark[] }) {
  return (
    <ul className="diff-remarks">
      {remarks.map(({ remark }) => (
        <li key={remark.id} className="diff-remark" id={`remark-${remark.id}`} data-comment-id={remark.id}>
          <strong>{remark.author}</strong>: {remark.body}
        </li>
      ))}
    </ul>
  );
}

function PlainInlineBlock({ block, context }: { block: BlockDiff; context: ViewContext }) {
  const { labels } = context;
  const notes = <BlockNotes block={block} context={context} />;
  if (block.status === "added" && block.after) {
    return (
      <div className="diff-block diff-block--added">
        <InsertedBlock node={block.after} labels={labels} />
      </div>
    );
  }
  if (block.move?.role === "origin" && block.before) {
    return (
      <div className="diff-block diff-block--moved-away" id={context.moveAnchor(block.move.id, "from")}>
        {notes}
        <div className="diff-moved-away">
          <RichNodeView node={block.before} labels={labels} />
        </div>
      </div>
    );
  }
  if (block.status === "removed" && block.before) {
    return (
      <div className="diff-block diff-block--removed">
        {notes}
        <DeletedBlock node={block.before} labels={labels} />
      </div>
    );
  }
  if (block.status === "unchanged") {
    return (
      <div className="diff-block diff-block--moved" id={block.move ? context.moveAnchor(block.move.id, "to") : undefined}>
        {notes}
        <UnchangedBlock node={blockNode(block)} labels={labels} />
      </div>
    );
  }
  if (!block.words) {
    return (
      <div className="diff-block diff-block--changed diff-block--coarse">
        {notes}
        {block.before ? <DeletedBlock node={block.before} labels={labels} /> : null}
        {block.after ? <InsertedBlock node={block.after} labels={labels} /> : null}
      </div>
    );
  }
  const regroupClass = block.regroup ? ` diff-block--${block.regroup.kind}` : "";
  return (
    <div
      className={`diff-block diff-block--changed${regroupClass}`}
      id={block.move?.role === "destination" ? context.moveAnchor(block.move.id, "to") : undefined}
    >
      {notes}
      {wordsUnchanged(block.words) && !block.regroup ? (
        <UnchangedBlock node={blockNode(block)} labels={labels} />
      ) : (
        <WordsView node={blockNode(block)} words={block.words} show="both" labels={labels} seams={seamsOf(block, context)} />
      )}
      <ItemChanges block={block} context={context} />
    </div>
  );
}

/** Formatting-only changes show the block with its marks, which the notes then explain. */
function wordsUnchanged(words: readonly WordChange[]): boolean {
  return words.every((word) => word.op === "equal");
}

// --- Side by side -----------------------------------------------------------------------

function SideBySideSectionBody({ plan, context }: { plan: Extract<SectionPlan, { kind: "section" }>; context: ViewContext }) {
  const { section } = plan;
  const { labels } = context;
  const wholeSection = section.status === "added" || section.status === "removed";
  return (
    <table className="diff-table">
      <thead>
        <tr>
          <th scope="col">{labels.before}</th>
          <th scope="col">{labels.after}</th>
        </tr>
      </thead>
      {wholeSection ? (
        <tbody>
          {section.blocks.map((block, index) => (
            <SideBySideRow key={index} block={block} context={context} />
          ))}
        </tbody>
      ) : (
        plan.items.map((item, index) => <SideBySideItem key={index} item={item} context={context} />)
      )}
    </table>
  );
}

function SideBySideItem({ item, context }: { item: BlockItem; context: ViewContext }) {
  if (item.kind === "context") {
    return (
      <tbody className="diff-context">
        <SideBySideRow block={item.block} context={context} />
      </tbody>
    );
  }
  if (item.kind === "fold") {
    return (
      <tbody className="diff-context">
        <tr>
          <td colSpan={2}>
            <details className="diff-fold">
              <summary>{context.labels.unchangedBlocks(item.blocks.length)}</summary>
              <div className="diff-fold-body">
                {item.blocks.map((block, index) => (
                  <UnchangedBlock key={index} node={blockNode(block)} labels={context.labels} />
                ))}
              </div>
            </details>
          </td>
        </tr>
      </tbody>
    );
  }
  return (
    <tbody className="diff-change" id={context.anchor(item.number)}>
      <tr className="diff-nav-row">
        <td colSpan={2}>
          <ChangeNavigation number={item.number} context={context} />
        </td>
      </tr>
      {item.blocks.map((block, index) => (
        <SideBySideRow key={index} block={block} context={context} />
      ))}
    </tbody>
  );
}

function SideBySideRow({ block, context }: { block: BlockDiff; context: ViewContext }) {
  const { labels } = context;
  const notes = <BlockNotes block={block} context={context} />;
  let beforeCell: ReactNode = <EmptyCell labels={labels} />;
  let afterCell: ReactNode = <EmptyCell labels={labels} />;
  if (block.status === "removed" && block.before) {
    beforeCell =
      block.move?.role === "origin" ? (
        <div className="diff-block--moved-away" id={context.moveAnchor(block.move.id, "from")}>
          {notes}
          <div className="diff-moved-away">
            <RichNodeView node={block.before} labels={labels} />
          </div>
        </div>
      ) : (
        <>
          {notes}
          <DeletedBlock node={block.before} labels={labels} />
        </>
      );
  }
  if (block.status === "added" && block.after) afterCell = <InsertedBlock node={block.after} labels={labels} />;
  if (block.status === "unchanged") {
    beforeCell = <UnchangedBlock node={blockNode(block)} labels={labels} />;
    afterCell = (
      <>
        {notes}
        <UnchangedBlock node={blockNode(block)} labels={labels} />
      </>
    );
  }
  if (block.status === "changed") {
    const before = block.before ?? blockNode(block);
    const after = block.after ?? blockNode(block);
    const formattingOnly = block.words !== null && wordsUnchanged(block.words) && !block.regroup;
    const seams = seamsOf(block, context);
    beforeCell = formattingOnly ? (
      <UnchangedBlock node={before} labels={labels} />
    ) : block.words ? (
      <WordsView node={before} words={block.words} show="before" labels={labels} seams={seams?.side === "before" ? seams : undefined} />
    ) : (
      <DeletedBlock node={before} labels={labels} />
    );
    afterCell = (
      <>
        {notes}
        {formattingOnly ? (
          <UnchangedBlock node={after} labels={labels} />
        ) : block.words ? (
          <WordsView node={after} words={block.words} show="after" labels={labels} seams={seams?.side === "after" ? seams : undefined} />
        ) : (
          <InsertedBlock node={after} labels={labels} />
        )}
      </>
    );
  }
  return (
    <tr
      className={`diff-row diff-row--${block.status}`}
      id={block.move?.role === "destination" ? context.moveAnchor(block.move.id, "to") : undefined}
    >
      <td className="diff-cell diff-cell--before">{beforeCell}</td>
      <td className="diff-cell diff-cell--after">{afterCell}</td>
    </tr>
  );
}

function EmptyCell({ labels }: { labels: Messages["diff"] }) {
  return <span className="diff-sr">{labels.emptyCell}</span>;
}

// --- Shared pieces ------------------------------------------------------------------------

/** Joined, split, moved, repeated, rewritten and formatting notes of a block, in words, with links between a move's ends. */
function BlockNotes({ block, context }: { block: BlockDiff; context: ViewContext }) {
  const { labels, locale, structure } = context;
  const notes: { key: string; content: ReactNode }[] = [];
  if (block.regroup?.kind === "join") notes.push({ key: "join", content: structure.joinBadge(block.regroup.parts.length) });
  if (block.regroup?.kind === "split") notes.push({ key: "split", content: structure.splitBadge(block.regroup.parts.length) });
  if (block.move) {
    const place = movePlace(block, context);
    const origin = block.move.role === "origin";
    notes.push({
      key: "move",
      content: (
        <>
          {origin ? structure.movedFromHere : structure.movedHere}{" "}
          <a className="diff-move-link" href={`#${context.moveAnchor(block.move.id, origin ? "to" : "from")}`}>
            {origin ? structure.movedTo(place) : structure.movedFrom(place)}
          </a>
        </>
      ),
    });
  }
  if (block.status === "removed" && !block.move && block.repeated) notes.push({ key: "repeated", content: structure.repeatedRemoved });
  if (block.status === "added" && block.repeated) notes.push({ key: "repeated", content: structure.repeatedAdded });
  if (block.status === "removed" && !block.move && !block.repeated && block.before && isShortLine(block.before)) {
    notes.push({ key: "line", content: structure.lineRemoved });
  }
  if (block.coarse) notes.push({ key: "coarse", content: labels.blockRewritten });
  const formatting = block.formatChanges.map((change) => formatChangeText(change, locale));
  if (notes.length === 0 && formatting.length === 0) return null;
  return (
    <ul className="diff-notes">
      {notes.map((note) => (
        <li key={note.key} className={`diff-note diff-note--${note.key}`}>
          {note.content}
        </li>
      ))}
      {formatting.length > 0 ? (
        <li className="diff-note diff-note--format">
          {labels.formatChanged}: {formatting.join("; ")}
        </li>
      ) : null}
    </ul>
  );
}

/** Where the other end of a move is: "vị trí 3 trong mục này" or "đoạn 3 của mục “…”". */
function movePlace(block: BlockDiff, context: ViewContext): string {
  const move = block.move;
  if (!move) return "";
  if (!move.acrossSections) return context.structure.placeInThisSection(move.index + 1);
  return context.structure.placeInSection(context.sectionTitles.get(move.sectionId) ?? move.sectionId, move.index + 1);
}

interface SeamMarks {
  offsets: readonly number[];
  /** The side whose text the offsets count: before for a join, after for a split. */
  side: "before" | "after";
  label: string;
  kind: "join" | "split";
}

function seamsOf(block: BlockDiff, context: ViewContext): SeamMarks | undefined {
  if (!block.regroup) return undefined;
  const join = block.regroup.kind === "join";
  return {
    offsets: block.regroup.seams,
    side: join ? "before" : "after",
    label: join ? context.structure.joinSeam : context.structure.splitSeam,
    kind: block.regroup.kind,
  };
}

/** Items and rows of a list or table that were added or removed, each by itself. */
function ItemChanges({ block, context }: { block: BlockDiff; context: ViewContext }) {
  const items = block.items?.filter((item) => item.status === "added" || item.status === "removed") ?? [];
  if (items.length === 0) return null;
  const table = (block.after ?? block.before)?.type === "table";
  const { structure, labels } = context;
  const childText = (node: RichNode | null, index: number | null): string =>
    node && index !== null ? plainText(node.content?.[index] ?? { type: "paragraph" }).replaceAll("\n", " · ") : "";
  return (
    <ul className="diff-items" aria-label={table ? structure.rowsLabel : structure.itemsLabel}>
      {items.map((item, index) =>
        item.status === "added" ? (
          <li key={index} className="diff-item diff-item--added">
            <span className="diff-item-label">{table ? structure.rowAdded : structure.itemAdded}:</span>{" "}
            <ins className="diff-ins">
              <span className="diff-sr">{labels.insertedPrefix}</span>
              {childText(block.after, item.indexAfter)}
            </ins>
          </li>
        ) : (
          <li key={index} className="diff-item diff-item--removed">
            <span className="diff-item-label">{table ? structure.rowRemoved : structure.itemRemoved}:</span>{" "}
            <del className="diff-del">
              <span className="diff-sr">{labels.deletedPrefix}</span>
              {childText(block.before, item.indexBefore)}
            </del>
          </li>
        ),
      )}
    </ul>
  );
}

function UnchangedBlock({ node, labels }: { node: RichNode; labels: Messages["diff"] }) {
  return (
    <div className="diff-unchanged">
      <RichNodeView node={node} labels={labels} />
    </div>
  );
}

function InsertedBlock({ node, labels }: { node: RichNode; labels: Messages["diff"] }) {
  return (
    <ins className="diff-ins diff-ins--block">
      <span className="diff-sr">{labels.insertedPrefix}</span>
      <RichNodeView node={node} labels={labels} />
    </ins>
  );
}

function DeletedBlock({ node, labels }: { node: RichNode; labels: Messages["diff"] }) {
  return (
    <del className="diff-del diff-del--block">
      <span className="diff-sr">{labels.deletedPrefix}</span>
      <RichNodeView node={node} labels={labels} />
    </del>
  );
}

/**
 * The word-level edit of one block inside an element of the block's kind: a heading stays a
 * heading, a paragraph a paragraph; lists and tables show their text with one line per item.
 */
function WordsView({
  node,
  words,
  show,
  labels,
  seams,
  remarks,
}: {
  node: RichNode;
  words: WordChange[];
  show: "both" | "before" | "after";
  labels: Messages["diff"];
  /** Where the parts of a join or split meet, marked inline. */
  seams?: SeamMarks;
  /** Ranges of the newer text that comments are anchored to, marked. */
  remarks?: readonly BlockRemark[];
}) {
  let afterOffset = 0;
  const marked = (text: string, from: number, key: string): ReactNode => {
    if (!remarks || remarks.length === 0) return text;
    const cuts = new Set<number>([0, text.length]);
    for (const remark of remarks) {
      for (const edge of [remark.start - from, remark.end - from]) if (edge > 0 && edge < text.length) cuts.add(edge);
    }
    const edges = [...cuts].sort((a, b) => a - b);
    return edges.slice(0, -1).map((cut, index) => {
      const piece = text.slice(cut, edges[index + 1]);
      const covering = remarks.find((remark) => remark.start <= from + cut && from + cut < remark.end);
      return covering ? (
        <mark key={`${key}.${index}`} className="diff-remark-mark" data-comment-id={covering.remark.id} title={`${covering.remark.author}: ${covering.remark.body}`}>
          {piece}
        </mark>
      ) : (
        piece
      );
    });
  };
  const render = (word: WordChange, key: string): ReactNode => {
    const from = afterOffset;
    if (word.op !== "delete") afterOffset += word.text.length;
    if (word.op === "equal") return <span key={key}>{marked(word.text, from, key)}</span>;
    if (word.op === "delete") {
      if (show === "after") return null;
      return (
        <del key={key} className="diff-del">
          <span className="diff-sr">{labels.deletedPrefix}</span>
          {word.text}
        </del>
      );
    }
    if (show === "before") return null;
    return (
      <ins key={key} className="diff-ins">
        <span className="diff-sr">{labels.insertedPrefix}</span>
        {marked(word.text, from, key)}
      </ins>
    );
  };
  const parts: ReactNode[] = [];
  let offset = 0;
  let seamIndex = 0;
  const marker = (key: string) =>
    seams ? (
      <span key={key} className={`diff-seam diff-seam--${seams.kind}`} role="note">
        {seams.label}
      </span>
    ) : null;
  words.forEach((word, index) => {
    const counts = seams && (word.op === "equal" || (seams.side === "before" ? word.op === "delete" : word.op === "insert"));
    if (!seams || !counts) {
      parts.push(render(word, `${index}`));
      return;
    }
    // Cut the run at each seam it crosses, so the marker stands exactly where the parts meet.
    let text = word.text;
    let piece = 0;
    while (seamIndex < seams.offsets.length && seams.offsets[seamIndex] <= offset + text.length && seams.offsets[seamIndex] >= offset) {
      const cut = seams.offsets[seamIndex] - offset;
      if (cut > 0) parts.push(render({ op: word.op, text: text.slice(0, cut) }, `${index}.${piece++}`));
      parts.push(marker(`${index}.seam${seamIndex}`));
      text = text.slice(cut);
      offset += cut;
      seamIndex++;
    }
    if (text.length > 0) parts.push(render({ op: word.op, text }, `${index}.${piece}`));
    offset += text.length;
  });
  if (node.type === "heading") {
    const Heading = headingTag(node);
    return <Heading className="diff-words">{parts}</Heading>;
  }
  if (node.type === "paragraph") return <p className="diff-words">{parts}</p>;
  return <div className="diff-words diff-words--structured">{parts}</div>;
}

/** The node to draw for a block present on at least one side (the newer one when both are). */
function blockNode(block: BlockDiff): RichNode {
  return block.after ?? block.before ?? { type: "paragraph" };
}
