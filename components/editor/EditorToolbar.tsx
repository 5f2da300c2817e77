"use client";

import type { Editor } from "@tiptap/react";
import { useEditorState } from "@tiptap/react";
import { useId, useState, type FormEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { isAllowedHref } from "@/lib/editor/extensions";
import type { Messages } from "@/lib/i18n/messages";

/** A table people then grow row by row; a header row because handbook tables label their columns. */
const NEW_TABLE = { rows: 3, cols: 3, withHeaderRow: true } as const;

/** Keeps the editor's selection when a toolbar button is clicked with the mouse. */
function keepSelection(event: MouseEvent<HTMLButtonElement>): void {
  event.preventDefault();
}

function ToolButton(props: { label: string; pressed?: boolean; disabled?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      className="handbook-editor__tool"
      aria-label={props.label}
      title={props.label}
      aria-pressed={props.pressed}
      disabled={props.disabled}
      onMouseDown={keepSelection}
      onClick={props.onClick}
    >
      <span aria-hidden="true">{props.children}</span>
    </button>
  );
}

function LinkForm({ editor, labels, onClose }: { editor: Editor; labels: Messages["editor"]; onClose: () => void }) {
  const current: unknown = editor.getAttributes("link").href;
  const [href, setHref] = useState(typeof current === "string" ? current : "https://");
  const [invalid, setInvalid] = useState(false);
  const inputId = useId();
  const errorId = useId();

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const value = href.trim();
    // The server refuses any other scheme too; checking here tells the person why at once.
    if (!isAllowedHref(value)) {
      setInvalid(true);
      return;
    }
    editor.chain().focus().extendMarkRange("link").setLink({ href: value }).run();
    onClose();
  };
  const remove = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose();
  };
  const cancelOnEscape = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    editor.commands.focus();
    onClose();
  };

  return (
    <form className="handbook-editor__link-form" onSubmit={apply} onKeyDown={cancelOnEscape}>
      <label htmlFor={inputId}>{labels.linkAddress}</label>
      <input
        id={inputId}
        type="url"
        inputMode="url"
        autoFocus
        value={href}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        onChange={(event) => {
          setHref(event.target.value);
          setInvalid(false);
        }}
      />
      {invalid && (
        <p id={errorId} className="handbook-editor__link-error" role="alert">
          {labels.linkInvalid}
        </p>
      )}
      <div className="handbook-editor__link-actions">
        <button type="submit" className="button button--small">{labels.linkApply}</button>
        {typeof current === "string" && (
          <button type="button" className="button button--small button--secondary" onClick={remove}>{labels.linkRemove}</button>
        )}
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() => {
            editor.commands.focus();
            onClose();
          }}
        >
          {labels.linkCancel}
        </button>
      </div>
    </form>
  );
}

/**
 * The handbook's few formatting tools. Everything else the schema allows arrives by paste
 * or import; the tools cover what drafters do daily. Undo and redo are the collaborative
 * ones: they take back only this person's own changes.
 */
export function EditorToolbar({ editor, labels }: { editor: Editor; labels: Messages["editor"] }) {
  const [linkOpen, setLinkOpen] = useState(false);
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive("bold"),
      italic: current.isActive("italic"),
      heading3: current.isActive("heading", { level: 3 }),
      heading4: current.isActive("heading", { level: 4 }),
      bulletList: current.isActive("bulletList"),
      orderedList: current.isActive("orderedList"),
      link: current.isActive("link"),
      canUndo: current.can().undo(),
      canRedo: current.can().redo(),
    }),
  });

  return (
    <div className="handbook-editor__toolbar-wrap">
      <div className="handbook-editor__toolbar" role="toolbar" aria-label={labels.toolbar}>
        <ToolButton label={labels.bold} pressed={active.bold} onClick={() => editor.chain().focus().toggleBold().run()}>
          <strong>B</strong>
        </ToolButton>
        <ToolButton label={labels.italic} pressed={active.italic} onClick={() => editor.chain().focus().toggleItalic().run()}>
          <em>I</em>
        </ToolButton>
        <ToolButton label={labels.heading3} pressed={active.heading3} onClick={() => editor.chain().focus().toggleHeading({ level: 3 }).run()}>
          H3
        </ToolButton>
        <ToolButton label={labels.heading4} pressed={active.heading4} onClick={() => editor.chain().focus().toggleHeading({ level: 4 }).run()}>
          H4
        </ToolButton>
        <ToolButton label={labels.bulletList} pressed={active.bulletList} onClick={() => editor.chain().focus().toggleBulletList().run()}>
          •≡
        </ToolButton>
        <ToolButton label={labels.orderedList} pressed={active.orderedList} onClick={() => editor.chain().focus().toggleOrderedList().run()}>
          1.≡
        </ToolButton>
        <ToolButton label={labels.link} pressed={active.link || linkOpen} onClick={() => setLinkOpen((open) => !open)}>
          🔗
        </ToolButton>
        <ToolButton label={labels.table} onClick={() => editor.chain().focus().insertTable(NEW_TABLE).run()}>
          ▦
        </ToolButton>
        <ToolButton label={labels.undo} disabled={!active.canUndo} onClick={() => editor.chain().focus().undo().run()}>
          ↶
        </ToolButton>
        <ToolButton label={labels.redo} disabled={!active.canRedo} onClick={() => editor.chain().focus().redo().run()}>
          ↷
        </ToolButton>
      </div>
      {linkOpen && <LinkForm editor={editor} labels={labels} onClose={() => setLinkOpen(false)} />}
    </div>
  );
}
