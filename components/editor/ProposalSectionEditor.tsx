"use client";

import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useState } from "react";
import { handbookExtensions } from "@/lib/editor/extensions";
import { sanitizePastedHtml } from "@/lib/editor/paste-html";
import { EDITOR_FIELD, caretColor } from "./caret-color";
import { EditorToolbar } from "./EditorToolbar";
import type { Messages } from "@/lib/i18n/messages";
import { hasUnsentChanges, syncStatus, type SessionState, type SyncStatus } from "./sync-status";
import { useCollabSession, type CollabSession } from "./useCollabSession";

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

function LiveEditor(props: { session: CollabSession; user: { id: string; name: string }; sectionTitle: string; writable: boolean; labels: Messages["editor"] }) {
  const { session, user, sectionTitle, writable, labels } = props;
  const editor = useEditor(
    {
      // Rendered only in the browser: the document comes from the server through Yjs, never from HTML.
      immediatelyRender: false,
      editable: writable,
      extensions: [
        ...handbookExtensions(),
        Collaboration.configure({ document: session.doc, field: EDITOR_FIELD }),
        CollaborationCaret.configure({ provider: session.provider, user: { name: user.name, color: caretColor(user.id) } }),
      ],
      editorProps: editorProps(sectionTitle, writable),
    },
    [session],
  );

  useEffect(() => {
    if (!editor) return;
    editor.setOptions({ editorProps: editorProps(sectionTitle, writable) });
    if (editor.isEditable !== writable) editor.setEditable(writable);
  }, [editor, writable, sectionTitle]);

  return (
    <>
      {writable && editor && <EditorToolbar editor={editor} labels={labels} />}
      <EditorContent editor={editor} className="handbook-editor__surface" />
    </>
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
        <LiveEditor session={session} user={props.user} sectionTitle={props.sectionTitle} writable={state.writable} labels={labels} />
      ) : (
        <div className="handbook-editor__placeholder" aria-hidden="true" />
      )}
    </div>
  );
}
