import type { NotificationEvent, NotificationKind, NotificationParams } from "../domain/notification-events";
import type { Locale } from "./locales";
import { messages } from "./messages";
import { summaryText } from "./diff-summary";

/** One text per kind, each taking that kind's parameters (the catalog's `kinds` and `subjects`). */
type TextsByKind = { [Kind in NotificationKind]: (params: NotificationParams<Kind>) => string };

function render(texts: TextsByKind, event: NotificationEvent): string {
  switch (event.kind) {
    case "review_requested":
      return texts.review_requested(event.params);
    case "decision":
      return texts.decision(event.params);
    case "comment":
      return texts.comment(event.params);
    case "published":
      return texts.published(event.params);
    case "merge_conflict":
      return texts.merge_conflict(event.params);
    case "coauthor_added":
      return texts.coauthor_added(event.params);
    case "consultation_comment":
      return texts.consultation_comment(event.params);
    case "consultation_answer":
      return texts.consultation_answer(event.params);
    case "consultation_published":
      return texts.consultation_published(event.params);
    case "suggestion_made":
      return texts.suggestion_made(event.params);
    case "suggestion_decided":
      return texts.suggestion_decided(event.params);
  }
}

/** The notification as a sentence in the reader's language; a publication also says what it changed. */
export function notificationText(event: NotificationEvent, locale: Locale): string {
  const t = messages(locale).notifications;
  const sentence = render(t.kinds, event);
  if (event.kind === "published" && event.params.changes) return t.withChanges(sentence, summaryText(event.params.changes, locale));
  return sentence;
}

/** A short subject line for the same notification, for email. */
export function notificationSubject(event: NotificationEvent, locale: Locale): string {
  return render(messages(locale).notifications.subjects, event);
}
