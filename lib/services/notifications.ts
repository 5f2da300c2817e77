import type { DbOrTx } from "../db/client";

export type NotificationKind = "review_requested" | "decision" | "comment" | "published" | "merge_conflict" | "coauthor_added";

/** Queues in-workspace notifications; the workspace page and each user's Atom feed read them. */
export async function notify(
  db: DbOrTx,
  input: { userIds: Iterable<string>; kind: NotificationKind; message: string; proposalId?: string | null; exceptUserId?: string },
): Promise<void> {
  const recipients = [...new Set(input.userIds)].filter((userId) => userId !== input.exceptUserId);
  for (const userId of recipients) {
    await db.notification.create({ data: { userId, kind: input.kind, message: input.message, proposalId: input.proposalId ?? null } });
  }
}
