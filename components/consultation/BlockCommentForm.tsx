"use client";

import { useRef, useState } from "react";

export interface BlockCommentWords {
  commentOnBlock: string;
  commentOnSelection: string;
  selectedQuote: string;
  yourComment: string;
  send: string;
  selectionHint: string;
}

/**
 * One paragraph of the draft with its comment form. Selecting words inside the paragraph makes
 * the comment one on that range (offsets into the paragraph's text; the server re-reads the
 * quote); without a selection it is on the whole paragraph. Works without JavaScript as a
 * paragraph comment.
 */
export function BlockCommentForm(props: {
  html: string;
  sectionId: string;
  blockId: string;
  proposalId: string;
  document: string;
  canComment: boolean;
  action: (form: FormData) => Promise<void>;
  words: BlockCommentWords;
}) {
  const blockRef = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState<{ start: number; end: number; quote: string } | null>(null);
  const [open, setOpen] = useState(false);

  function readSelection() {
    const container = blockRef.current;
    const selection = window.getSelection();
    if (!container || !selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    const selected = selection.getRangeAt(0);
    if (!container.contains(selected.startContainer) || !container.contains(selected.endContainer)) return;
    const before = document.createRange();
    before.selectNodeContents(container);
    before.setEnd(selected.startContainer, selected.startOffset);
    const start = before.toString().length;
    const quote = selected.toString();
    if (quote.trim() === "") return;
    setRange({ start, end: start + quote.length, quote });
    setOpen(true);
  }

  const formId = `form-${props.blockId}`;
  return (
    <div className="consultation-block" data-block-id={props.blockId}>
      <div ref={blockRef} className="prose" onMouseUp={readSelection} onKeyUp={readSelection} dangerouslySetInnerHTML={{ __html: props.html }} />
      {props.canComment && (
        <details open={open} onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
          <summary>{range ? props.words.commentOnSelection : props.words.commentOnBlock}</summary>
          <form action={props.action} id={formId} className="stack">
            <input type="hidden" name="proposalId" value={props.proposalId} />
            <input type="hidden" name="document" value={props.document} />
            <input type="hidden" name="sectionId" value={props.sectionId} />
            <input type="hidden" name="blockId" value={props.blockId} />
            {range ? (
              <>
                <input type="hidden" name="start" value={range.start} />
                <input type="hidden" name="end" value={range.end} />
                <input type="hidden" name="quote" value={range.quote} />
                <p className="meta" data-testid="selected-quote">{props.words.selectedQuote}: “{range.quote}”</p>
              </>
            ) : (
              <p className="meta">{props.words.selectionHint}</p>
            )}
            <label htmlFor={`${formId}-body`}>{props.words.yourComment}</label>
            <textarea id={`${formId}-body`} name="body" required maxLength={5000} rows={3} />
            <button className="button button--small" type="submit">{props.words.send}</button>
          </form>
        </details>
      )}
    </div>
  );
}
