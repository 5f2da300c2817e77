"use client";

import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { anchorOfSelection, CommentHighlights, commentHighlightsKey } from "./comment-highlights";
import { handbookExtensions } from "@/lib/editor/extensions";
import { sanitizePastedHtml } from "@/lib/editor/paste-html";
import { EDITOR_FIELD, caretColor } from "./caret-color";
import { EditorToolbar } from "./EditorToolbar";
import type { Messages } from "@/lib/i18n/messages";
import { hasUnsentChanges, syncStatus, type SessionState, type SyncStatus } from "./sync-status";
import { useCollabSession, type CollabSession } from "./useCollabSession";
import { SuggestionsForEditor, useSuggestionMode, type SuggestProps } from "./suggestions/SuggestionsForEditor";

export interface ProposalSectionEditorProps {
  proposalId: string;
  sectionId: string;
  sectionTitle: string;
  user: { id: string; name: string };
  editable: boolean;
  /** GET → {url, document, token, expiresAt}: the web app's collaboration token endpoint for this section. */
  tokenUrl: string;
  /** The editor's words in the reader's language (plain strings, so they cross to the browser). */
  labels: Messages["editor"];
  /** Comments on ranges of this section's words, highlighted where their words are. */
  comments?: EditorComment[];
  /** Whether the person may comment ("Bình luận" on selected words). */
  canComment?: boolean;
  /** Suggestion mode: whether the person may suggest and decide, and its words. */
  suggest?: SuggestProps;
}

export interface EditorComment {
  id: string;
  authorName: string;
  body: string;
  quote: string;
  live: { start: string; end: string };
}

function statusText(status: SyncStatus, state: SessionState, labels: Messages["editor"]): string {
  switch (status) {
    case "connecting":
      return labels.connecting;
    case "denied":
      return labels.denied;
    case "failed":
      return labels.failed;
    case "offline":
      return labels.offline;
    case "syncing":
      return labels.syncing;
    case "saved":
      return state.writable ? labels.saved : labels.viewOnly;
  }
}

const NO_COMMENTS: EditorComment[] = [];

/** Asks before the tab closes while typed text has not reached the server. */
function useLeaveWarning(active: boolean, message: string): void {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Browsers show their own wording; older ones still need returnValue set.
      event.returnValue = message;
      return message;
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [active, message]);
}

/**
 * The editor view's props: the editable element's accessible name and role (read-only viewers
 * get a read-only textbox), and pasted HTML sanitized before ProseMirror parses it (lib/editor/paste-html.ts).
 */
function editorProps(sectionTitle: string, writable: boolean) {
  // A person suggesting edits types into the editor too; what they type becomes suggestions.
  return { attributes: surfaceAttributes(sectionTitle, writable), transformPastedHTML: (html: string) => sanitizePastedHtml(html) };
}

function surfaceAttributes(sectionTitle: string, writable: boolean): Record<string, string> {
  return {
    "aria-label": sectionTitle,
    role: "textbox",
    "aria-multiline": "true",
    "aria-readonly": String(!writable),
    class: "handbook-editor__content",
    spellcheck: "true",
  };
}

interface LiveEditorProps {
  session: CollabSession;
  user: { id: string; name: string };
  sectionTitle: string;
  writable: boolean;
  labels: Messages["editor"];
  proposalId: string;
  sectionId: string;
  comments: EditorComment[];
  canComment: boolean;
  suggest: SuggestProps | null;
}

function LiveEditor(props: LiveEditorProps) {
  const { session, user, sectionTitle, writable, labels } = props;
  const commentsRef = useRef(props.comments);
  const [active, setActive] = useState<string | null>(null);
  const suggestion = useSuggestionMode({ suggest: props.suggest, writable, proposalId: props.proposalId, sectionId: props.sectionId, user });
  // Suggesting needs a caret: the editor takes input, and the suggestion mode keeps the document unchanged.
  const inputOpen = writable || suggestion.active;
  const editor = useEditor(
    {
      // Rendered only in the browser: the document comes from the server through Yjs, never from HTML.
      immediatelyRender: false,
      editable: inputOpen,
      extensions: [
        ...handbookExtensions(),
        Collaboration.configure({ document: session.doc, field: EDITOR_FIELD }),
        CollaborationCaret.configure({ provider: session.provider, user: { name: user.name, color: caretColor(user.id) } }),
        CommentHighlights.configure({ doc: session.doc, field: EDITOR_FIELD, comments: () => commentsRef.current, onActivate: setActive }),
        suggestion.extension,
      ],
      editorProps: editorProps(sectionTitle, inputOpen),
    },
    [session],
  );

  useEffect(() => {
    if (!editor) return;
    editor.setOptions({ editorProps: editorProps(sectionTitle, inputOpen) });
    if (editor.isEditable !== inputOpen) editor.setEditable(inputOpen);
  }, [editor, inputOpen, sectionTitle]);

  useEffect(() => {
    commentsRef.current = props.comments;
    if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, true));
  }, [editor, props.comments]);

  const shown = props.comments.find((comment) => comment.id === active) ?? null;
  return (
    <>
      {editor && props.suggest && <SuggestionsForEditor editor={editor} mode={suggestion} suggest={props.suggest} proposalId={props.proposalId} sectionId={props.sectionId} userName={user.name} />}
      {writable && !suggestion.active && editor && <EditorToolbar editor={editor} labels={labels} />}
      {props.canComment && editor && <CommentOnSelection editor={editor} session={session} proposalId={props.proposalId} sectionId={props.sectionId} labels={labels} />}
      <EditorContent editor={editor} className="handbook-editor__surface" />
      {shown && (
        <aside className="comment-popover" data-testid="comment-popover" aria-live="polite">
          <p className="meta">
            <strong>{shown.authorName}</strong> · <q>{shown.quote}</q>
          </p>
          <p>{shown.body}</p>
          <button type="button" className="button button--small button--secondary" onClick={() => setActive(null)}>
            {labels.commentClose}
          </button>
        </aside>
      )}
    </>
  );
}

/** "Bình luận" on the selected words: the selection becomes Yjs relative positions sent with the comment. */
function CommentOnSelection(props: { editor: NonNullable<ReturnType<typeof useEditor>>; session: CollabSession; proposalId: string; sectionId: string; labels: Messages["editor"] }) {
  const { editor, labels } = props;
  const router = useRouter();
  const [draft, setDraft] = useState<{ start: string; end: string; quote: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [body, setBody] = useState("");
  const [sending, setSending] = useState(false);

  const open = () => {
    const anchor = anchorOfSelection(editor.state, props.session.doc, EDITOR_FIELD, props.sectionId);
    if (!anchor) {
      setMessage(labels.commentSelectFirst);
      return;
    }
    setMessage(null);
    setDraft({ start: anchor.start, end: anchor.end, quote: anchor.quote });
  };
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    setSending(true);
    try {
      const response = await fetch(`/api/v1/proposals/${encodeURIComponent(props.proposalId)}/comments`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ body, range: { sectionId: props.sectionId, start: draft.start, end: draft.end } }),
      });
      if (!response.ok) {
        const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setMessage(payload?.error?.message ?? labels.commentFailed);
        return;
      }
      setDraft(null);
      setBody("");
      router.refresh();
    } catch {
      setMessage(labels.commentFailed);
    } finally {
      setSending(false);
    }
  };
  return (
    <div className="comment-on-selection">
      <button type="button" className="button button--small button--secondary" onMouseDown={(event) => event.preventDefault()} onClick={open}>
        {labels.comment}
      </button>
      {message && <p className="meta" role="alert">{message}</p>}
      {draft && (
        <form className="stack" onSubmit={send} aria-label={labels.commentOnWords}>
          <p className="meta">
            {labels.commentOnWords}: <q>{draft.quote}</q>
          </p>
          <label htmlFor={`comment-range-${props.sectionId}`}>{labels.commentBody}</label>
          <textarea id={`comment-range-${props.sectionId}`} value={body} onChange={(event) => setBody(event.target.value)} required maxLength={5000} />
          <div className="toolbar">
            <button className="button button--small" type="submit" disabled={sending}>
              {labels.commentSend}
            </button>
            <button className="button button--small button--secondary" type="button" onClick={() => setDraft(null)}>
              {labels.commentCancel}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/**
 * One section of a proposal's draft, edited together in real time. The text lives in the
 * collaboration server's Yjs document for this section; this component only connects to it,
 * shows whether everything typed has reached the server, and warns before a tab with unsent
 * text closes. Viewers (reviewers, colleagues) get the same live text, read-only.
 */
export function ProposalSectionEditor(props: ProposalSectionEditorProps) {
  const { labels } = props;
  const { session, state } = useCollabSession({ tokenUrl: props.tokenUrl, editable: props.editable });
  const status = syncStatus(state);
  useLeaveWarning(hasUnsentChanges(state), labels.leaveWarning);
  // The editor appears only once the server's text has arrived: typing into an empty local
  // document first would place the words before the existing text when the two merge.
  const [loadedSession, setLoadedSession] = useState<CollabSession | null>(null);
  useEffect(() => {
    if (session && state.synced) setLoadedSession(session);
  }, [session, state.synced]);
  const ready = session !== null && loadedSession === session;

  return (
    <div className="handbook-editor" data-proposal-id={props.proposalId} data-section-id={props.sectionId}>
      <p className={`handbook-editor__status handbook-editor__status--${status}`} aria-live="polite" aria-atomic="true" data-testid="editor-status" data-status={status}>
        {statusText(status, state, labels)}
      </p>
      {session && ready && status !== "denied" && status !== "failed" ? (
        <LiveEditor
          session={session}
          user={props.user}
          sectionTitle={props.sectionTitle}
          writable={state.writable}
          labels={labels}
          proposalId={props.proposalId}
          sectionId={props.sectionId}
          comments={props.comments ?? NO_COMMENTS}
          canComment={props.canComment ?? false}
          suggest={props.suggest ?? null}
        />
      ) : (
        <div className="handbook-editor__placeholder" aria-hidden="true" />
      )}
    </div>
  );
}
