import { z } from "zod";
import { parseStoredJson } from "../domain/stored-json";
import type { DbOrTx } from "./client";

/** Names of the actions the audit log records (Nhật ký hệ thống). */
export type AuditAction =
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.identity_linked"
  | "user.created"
  | "user.updated"
  | "organization.created"
  | "organization.updated"
  | "section.owner_changed"
  | "policy.changed"
  | "api_token.created"
  | "api_token.revoked"
  | "api_token.used"
  | "reviewer_key.registered"
  | "reviewer_key.rotated"
  | "reviewer_key.revoked"
  | "proposal.created"
  | "proposal.coauthor_added"
  | "proposal.other_orgs_changed"
  | "proposal.section_added"
  | "proposal.section_removed"
  | "proposal.section_moved"
  | "proposal.content_replaced"
  | "proposal.suggestion_made"
  | "proposal.suggestions_accepted"
  | "proposal.suggestions_rejected"
  | "proposal.edit_session"
  | "proposal.submitted"
  | "proposal.reviewed"
  | "proposal.withdrawn"
  | "proposal.merged"
  | "proposal.conflict_resolved"
  | "proposal.comment_added"
  | "consultation.opened"
  | "consultation.comment_added"
  | "consultation.comment_approved"
  | "consultation.comment_hidden"
  | "consultation.comment_reported"
  | "consultation.answered"
  | "consultation.settings_changed"
  | "reader.registered"
  | "version.published"
  | "version.withdrawn"
  | "edition.created"
  | "document.imported"
  | "webhook.created"
  | "webhook.updated"
  | "webhook.deleted"
  | "webhook.replayed";

/** What an event records besides its action and target: a JSON object, free in shape per action. */
export const auditDataSchema = z.record(z.string(), z.unknown());
export type AuditData = z.infer<typeof auditDataSchema>;

export interface AuditInput {
  actorId: string | null;
  action: AuditAction;
  targetType: string;
  targetId: string;
  data?: AuditData;
}

/** Appends one event; pass the transaction of the change it records so both commit together. */
export async function recordAudit(db: DbOrTx, input: AuditInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: input.actorId,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      data: JSON.stringify(input.data ?? {}),
    },
  });
}

/** An event's stored data, read back. */
export function auditData(event: { id: number; data: string }): AuditData {
  return parseStoredJson(auditDataSchema, event.data, `AuditEvent.data of event ${event.id}`);
}
