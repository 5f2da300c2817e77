import type { ReactNode } from "react";
import { diffSummary, formatChangeText } from "@/lib/i18n/diff-summary";
import {
  type BlockDiff,
  type DiffLocale,
  type DocumentDiff,
  type SectionDiff,
  type WordChange,
} from "@/lib/domain/diff";
import type { RichNode } from "@/lib/domain/document";
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
}

interface ViewContext {
  labels: Messages["diff"];
  locale: DiffLocale;
  total: number;
  anchor: (number: number) => string;
}

export function DocumentDiffView({ diff, mode = "inline", locale = "vi", anchorPrefix = "change-" }: DocumentDiffViewProps) {
  const labels = messages(locale).diff;
  const plan = planDiffView(diff);
  const context: ViewContext = { labels, locale, total: plan.changeCount, anchor: (number) => `${anchorPrefix}${number}` };
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
          <InlineBlock key={index} block={block} context={context} />
        ))}
      </div>
    );
  }
  return (
    <div className="diff-section-body">
      {plan.items.map((item, index) => (
        <InlineItem key={index} item={item} context={context} />
      ))}
    </div>
  );
}

function InlineItem({ item, context }: { item: BlockItem; context: ViewContext }) {
  if (item.kind === "context") return <UnchangedBlock node={blockNode(item.block)} labels={context.labels} />;
  if (item.kind === "fold") {
    return (
      <details className="diff-fold">
        <summary>{context.labels.unchangedBlocks(item.blocks.length)}</summary>
        <div className="diff-fold-body">
          {item.blocks.map((block, index) => (
            <UnchangedBlock key={index} node={blockNode(block)} labels={context.labels} />
          ))}
        </div>
      </details>
    );
  }
  return (
    <div className="diff-change" id={context.anchor(item.number)}>
      <ChangeNavigation number={item.number} context={context} />
      {item.blocks.map((block, index) => (
        <InlineBlock key={index} block={block} context={context} />
      ))}
    </div>
  );
}

function InlineBlock({ block, context }: { block: BlockDiff; context: ViewContext }) {
  const { labels } = context;
  const notes = <BlockNotes block={block} context={context} />;
  if (block.status === "added" && block.after) {
    return (
      <div className="diff-block diff-block--added">
        <InsertedBlock node={block.after} labels={labels} />
      </div>
    );
  }
  if (block.status === "removed" && block.before) {
    return (
      <div className="diff-block diff-block--removed">
        <DeletedBlock node={block.before} labels={labels} />
      </div>
    );
  }
  if (block.status === "unchanged") {
    return (
      <div className="diff-block diff-block--moved">
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
  return (
    <div className="diff-block diff-block--changed">
      {notes}
      {wordsUnchanged(block.words) ? (
        <UnchangedBlock node={blockNode(block)} labels={labels} />
      ) : (
        <WordsView node={blockNode(block)} words={block.words} show="both" labels={labels} />
      )}
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
  if (block.status === "removed" && block.before) beforeCell = <DeletedBlock node={block.before} labels={labels} />;
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
    const formattingOnly = block.words !== null && wordsUnchanged(block.words);
    beforeCell = formattingOnly ? (
      <UnchangedBlock node={before} labels={labels} />
    ) : block.words ? (
      <WordsView node={before} words={block.words} show="before" labels={labels} />
    ) : (
      <DeletedBlock node={before} labels={labels} />
    );
    afterCell = (
      <>
        {notes}
        {formattingOnly ? (
          <UnchangedBlock node={after} labels={labels} />
        ) : block.words ? (
          <WordsView node={after} words={block.words} show="after" labels={labels} />
        ) : (
          <InsertedBlock node={after} labels={labels} />
        )}
      </>
    );
  }
  return (
    <tr className={`diff-row diff-row--${block.status}`}>
      <td className="diff-cell diff-cell--before">{beforeCell}</td>
      <td className="diff-cell diff-cell--after">{afterCell}</td>
    </tr>
  );
}

function EmptyCell({ labels }: { labels: Messages["diff"] }) {
  return <span className="diff-sr">{labels.emptyCell}</span>;
}

// --- Shared pieces ------------------------------------------------------------------------

/** Moved, rewritten and formatting notes of a block, in words. */
function BlockNotes({ block, context }: { block: BlockDiff; context: ViewContext }) {
  const { labels, locale } = context;
  const notes: string[] = [];
  if (block.moved && block.indexBefore !== null) notes.push(labels.blockMoved(block.indexBefore + 1));
  if (block.coarse) notes.push(labels.blockRewritten);
  const formatting = block.formatChanges.map((change) => formatChangeText(change, locale));
  if (notes.length === 0 && formatting.length === 0) return null;
  return (
    <ul className="diff-notes">
      {notes.map((note) => (
        <li key={note} className="diff-note">
          {note}
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
}: {
  node: RichNode;
  words: WordChange[];
  show: "both" | "before" | "after";
  labels: Messages["diff"];
}) {
  const parts = words.map((word, index) => {
    if (word.op === "equal") return <span key={index}>{word.text}</span>;
    if (word.op === "delete") {
      if (show === "after") return null;
      return (
        <del key={index} className="diff-del">
          <span className="diff-sr">{labels.deletedPrefix}</span>
          {word.text}
        </del>
      );
    }
    if (show === "before") return null;
    return (
      <ins key={index} className="diff-ins">
        <span className="diff-sr">{labels.insertedPrefix}</span>
        {word.text}
      </ins>
    );
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
