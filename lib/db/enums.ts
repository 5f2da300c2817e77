import type { CommentStatus, ModerationMode, StoredDisposition } from "../domain/consultation";
import type { EmailDelivery } from "../domain/email-delivery";
import type { ProposalStatus } from "../domain/proposal-state";
import type { ReviewDecision } from "../domain/review-policy";
import type { Role } from "../domain/roles";
import type { FormatAction, SuggestionMark, SuggestionStatus } from "../domain/suggestions";
import type { KeyRetirement } from "../domain/tlog/approval-keys";
import type * as Sqlite from "./generated/sqlite/enums";
import type * as Postgres from "./generated/postgres/enums";

/**
 * The enums of prisma/schema.prisma, for the code that reads and writes those columns. lib/domain
 * declares the same sets as its own string unions (it knows nothing of Prisma); the checks below
 * fail to compile when a set and its enum part ways, so a value added on one side only is caught
 * before it is stored or read.
 */
export type {
  AnswerDisposition,
  AuthorRole,
  ConsultationCommentStatus,
  KeyRetirement,
  OutboundEmailStatus,
  ProposalKind,
  WebhookDeliveryStatus,
} from "./generated/sqlite/enums";

/** True when A and B are the same set of values. */
export type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compiles only when the check is true: `type X = Holds<SameSet<A, B>>`. */
export type Holds<Check extends true> = Check;

/** Each domain set equals its stored enum, on both engines' clients. */
export type DomainSetsMatchStoredEnums = [
  Holds<SameSet<Role, Sqlite.Role>>,
  Holds<SameSet<EmailDelivery, Sqlite.EmailDelivery>>,
  Holds<SameSet<ModerationMode, Sqlite.ModerationMode>>,
  Holds<SameSet<ProposalStatus, Sqlite.ProposalStatus>>,
  Holds<SameSet<ReviewDecision, Sqlite.ReviewDecision>>,
  Holds<SameSet<KeyRetirement, Sqlite.KeyRetirement>>,
  Holds<SameSet<CommentStatus, Sqlite.ConsultationCommentStatus>>,
  Holds<SameSet<StoredDisposition, Sqlite.AnswerDisposition>>,
  Holds<SameSet<SuggestionStatus, Sqlite.SuggestionStatus>>,
  Holds<SameSet<SuggestionMark, Sqlite.SuggestionMark>>,
  Holds<SameSet<FormatAction, Sqlite.FormatAction>>,
  Holds<SameSet<keyof typeof Sqlite, keyof typeof Postgres>>,
];
