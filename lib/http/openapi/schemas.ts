import { z } from "zod";

/**
 * The shapes the API answers with, as zod schemas: the OpenAPI document's components
 * (lib/http/openapi/document.ts) and what the contract test checks real answers against. Objects
 * are open (a field added later is not an error for clients); every documented field must be
 * there with its type. Request bodies are not here: they are the schemas the routes and services
 * validate with, imported by lib/http/openapi/operations.ts. Each exported schema carries its
 * name (`.meta({ id })`), so the document lists it once under components and refers to it.
 */

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const instant = z.string().datetime({ offset: true });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().nonnegative();
const positive = z.number().int().positive();

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
}).meta({ id: "ErrorBody" });

/** A Tiptap (ProseMirror) document: `{"type": "doc", "content": [...]}`, as lib/domain/document.ts describes. */
export const TiptapDoc = z.object({ type: z.literal("doc"), content: z.array(z.record(z.string(), z.unknown())).optional() }).meta({ id: "TiptapDoc" });

const Ministry = z.object({ slug: z.string(), name: z.string() });

export const VersionRef = z.object({ number: positive, hash, publishedAt: instant, effectiveFrom: day }).meta({ id: "VersionRef" });

export const DocumentSummary = z.object({ slug: z.string(), title: z.string(), version: VersionRef.nullable(), latest: VersionRef.nullable() }).meta({ id: "DocumentSummary" });
export const DocumentList = z.object({ documents: z.array(DocumentSummary) }).meta({ id: "DocumentList" });

export const PublishedSection = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  position: count,
  owner: Ministry.nullable(),
  content: TiptapDoc,
  markdown: z.string(),
}).meta({ id: "PublishedSection" });

export const InForce = z.object({
  asOf: day,
  status: z.string(),
  effectiveFrom: day,
  supersededOn: day.nullable(),
  inForceToday: positive.nullable(),
  prospective: z.array(z.unknown()),
}).meta({ id: "InForce" });

export const PublishedDocument = z.object({
  slug: z.string(),
  title: z.string(),
  version: VersionRef.extend({ prevHash: hash.nullable() }),
  /** Given for the text in force (GET /documents/{slug}); a version's own address leaves it out. */
  inForce: InForce.optional(),
  sections: z.array(PublishedSection),
  /** The version's transparency log statement: the exact leaf bytes, base64. */
  statement: z.string(),
  log: z.object({ index: count }).nullable(),
}).meta({ id: "PublishedDocument" });

const ChangeStats = z.record(z.string(), z.number());

export const VersionListItem = z.object({
  number: positive,
  hash,
  prevHash: hash.nullable(),
  publishedAt: instant,
  effectiveFrom: day,
  summary: z.string(),
  proposal: z
    .object({
      id: z.string(),
      title: z.string(),
      kind: z.string(),
      organization: z.object({ slug: z.string(), name: z.string(), nameEn: z.string().nullable().optional() }).nullable(),
      authors: z.array(z.object({ name: z.string() })),
    })
    .nullable(),
  approvals: z.array(z.object({ reviewer: z.string(), organization: z.string().nullable(), approvedAt: instant })),
  publishedBy: z.object({ name: z.string() }).nullable(),
  stats: ChangeStats,
}).meta({ id: "VersionListItem" });

export const VersionList = z.object({
  slug: z.string(),
  title: z.string(),
  versions: z.array(VersionListItem),
  inForceToday: positive.nullable(),
  /** With ?limit=: the number to pass as ?before= for the next page, null on the last one. */
  olderBefore: positive.nullable().optional(),
}).meta({ id: "VersionList" });

export const VersionEffects = z.object({
  slug: z.string(),
  version: z.object({ number: positive, publishedAt: instant, effectiveFrom: day }),
  proposal: z.object({ id: z.string(), title: z.string(), legalBasis: z.string().nullable() }).nullable(),
  effects: z.array(
    z.object({
      kind: z.enum(["added", "replaced", "amended", "moved", "removed"]),
      section: z.object({ id: z.string(), slug: z.string(), title: z.string() }),
      previousTitle: z.string().nullable(),
      positionBefore: count.nullable(),
      positionAfter: count.nullable(),
    }),
  ),
}).meta({ id: "VersionEffects" });

export const DocumentDiff = z.object({
  slugBefore: z.string().nullable(),
  slugAfter: z.string().nullable(),
  titleBefore: z.string().nullable(),
  titleAfter: z.string().nullable(),
  sections: z.array(
    z.object({
      sectionId: z.string(),
      slugBefore: z.string().nullable(),
      slugAfter: z.string().nullable(),
      titleBefore: z.string().nullable(),
      titleAfter: z.string().nullable(),
      status: z.string(),
      moved: z.boolean(),
      renamed: z.boolean(),
      positionBefore: count.nullable(),
      positionAfter: count.nullable(),
      /** Block by block, as lib/domain/diff/types.ts documents. */
      blocks: z.array(z.record(z.string(), z.unknown())),
    }),
  ),
  stats: ChangeStats,
}).meta({ id: "DocumentDiff" });

export const ChainVerification = z.object({ ok: z.boolean(), versions: count.optional(), headHash: hash.nullable().optional() }).meta({ id: "ChainVerification" });

export const SearchResults = z.object({
  query: z.string(),
  total: count,
  results: z.array(
    z.object({
      document: z.object({ slug: z.string(), title: z.string() }),
      version: positive,
      section: z.object({ id: z.string(), slug: z.string(), title: z.string() }),
      blockId: z.string().nullable(),
      url: z.string(),
      snippet: z.string(),
      highlights: z.array(z.unknown()),
    }),
  ),
}).meta({ id: "SearchResults" });

export const ReviewerKey = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  publicKey: z.string(),
  fingerprint: z.string(),
  createdAt: instant,
  retiredAt: instant.nullable(),
  retirement: z.enum(["ROTATED", "REVOKED"]).nullable(),
}).meta({ id: "ReviewerKey" });
export const ReviewerKeyList = z.object({ keys: z.array(ReviewerKey) }).meta({ id: "ReviewerKeyList" });
export const ReviewerKeyRegistered = z.object({ key: ReviewerKey }).meta({ id: "ReviewerKeyRegistered" });

export const InclusionProof = z.object({ index: count, size: count, hashes: z.array(z.string()) }).meta({ id: "InclusionProof" });
export const ConsistencyProof = z.object({ from: count, to: count, hashes: z.array(z.string()) }).meta({ id: "ConsistencyProof" });

export const AuditEvents = z.object({
  events: z.array(
    z.object({
      id: z.number().int(),
      at: instant,
      action: z.string(),
      actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
      targetType: z.string().nullable(),
      targetId: z.string().nullable(),
      data: z.unknown(),
    }),
  ),
}).meta({ id: "AuditEvents" });

export const ProposalCreated = z.object({ id: z.string(), status: z.string(), title: z.string(), url: z.string() }).meta({ id: "ProposalCreated" });

const ProposalReview = z.object({
  id: z.string(),
  decision: z.string(),
  comment: z.string(),
  contentHash: z.string().nullable(),
  createdAt: instant,
  stale: z.boolean(),
  counted: z.boolean(),
  reasonNotCounted: z.string().nullable(),
  signing: z.enum(["signed", "invalid", "unsigned", "unsigned-legacy"]),
  signature: z.string().nullable(),
  keyFingerprint: z.string().nullable(),
  reviewer: z.object({ name: z.string(), organization: z.string().nullable() }),
});

export const Proposal = z.object({
  id: z.string(),
  title: z.string(),
  rationale: z.string(),
  legalBasis: z.string(),
  status: z.string(),
  kind: z.string(),
  createdAt: instant,
  updatedAt: instant,
  document: z.object({ slug: z.string(), title: z.string() }),
  baseVersion: z.object({ number: positive, hash, statementHash: hash.nullable() }).nullable(),
  /** Base64 of the exact bytes a reviewer signs to approve the current content. */
  approvalPayload: z.string(),
  publishedVersion: z.unknown(),
  organization: z.object({ id: z.string(), name: z.string() }).nullable(),
  allowOtherOrgs: z.boolean(),
  contentHash: hash,
  sections: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      title: z.string(),
      position: count,
      removed: z.boolean(),
      isNew: z.boolean(),
      contentHash: hash,
      content: TiptapDoc,
      markdown: z.string(),
    }),
  ),
  policy: z.object({
    satisfied: z.boolean(),
    approvalsCounted: count,
    approvalsRequired: count,
    checklist: z.array(z.object({ key: z.string(), ok: z.boolean(), label: z.unknown() })),
  }),
  conflicts: z.array(z.unknown()),
  diff: DocumentDiff,
  authors: z.array(z.object({ name: z.string(), organization: z.string().nullable(), role: z.string() })),
  editors: z.array(z.object({ name: z.string(), sectionId: z.string(), updates: count, lastAt: instant })),
  reviews: z.array(ProposalReview),
  comments: z.array(
    z.object({
      id: z.string(),
      body: z.string(),
      sectionId: z.string().nullable(),
      blockId: z.string().nullable(),
      parentId: z.string().nullable(),
      createdAt: instant,
      author: z.object({ name: z.string() }),
    }),
  ),
  timeline: z.array(z.object({ id: z.number().int(), action: z.string(), actor: z.string().nullable(), at: instant, data: z.unknown() })),
}).meta({ id: "Proposal" });

export const SectionReplaced = z.object({ proposalId: z.string(), sectionId: z.string(), content: TiptapDoc }).meta({ id: "SectionReplaced" });
export const CollabAccess = z.object({ url: z.string(), document: z.string(), token: z.string(), expiresAt: instant, access: z.string() }).meta({ id: "CollabAccess" });
export const CommentCreated = z.object({ id: z.string(), createdAt: instant }).meta({ id: "CommentCreated" });
export const ProposalStatus = z.object({ status: z.string() }).meta({ id: "ProposalStatus" });
export const ReviewRecorded = z.object({
  review: z.object({ id: z.string(), decision: z.string(), contentHash: z.string().nullable(), signature: z.string().nullable(), createdAt: instant }),
  status: z.string(),
}).meta({ id: "ReviewRecorded" });
export const VersionPublished = z.object({ version: z.object({ number: positive, hash, effectiveFrom: day }), merged: z.boolean() }).meta({ id: "VersionPublished" });
export const PublishConflicts = ErrorBody.extend({ conflicts: z.array(z.unknown()) }).meta({ id: "PublishConflicts" });
export const Unsubscribed = z.object({ unsubscribed: z.literal(true), kind: z.string() }).meta({ id: "Unsubscribed" });
export const OpenApiDocument = z.object({ openapi: z.string().startsWith("3.1"), info: z.object({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }).meta({ id: "OpenApiDocument" });

/**
 * Consultation and suggestion answers, described by their identifying fields (their services
 * document the rest); the contract test does not drive these flows yet (see contract.test.ts).
 */
export const Consultation = z.looseObject({}).meta({ id: "Consultation" });
export const ConsultationCommentCreated = z.object({ id: z.string(), status: z.string(), createdAt: instant }).meta({ id: "ConsultationCommentCreated" });
export const ConsultationAnswer = z.object({ commentId: z.string(), answer: z.object({ disposition: z.string(), reason: z.string().nullable() }) }).meta({ id: "ConsultationAnswer" });
/** GET …/suggestions (lib/services/suggestions/list-suggestions.ts, suggestionListJson). */
export const SuggestionList = z
  .object({
    pending: z.number().int(),
    /** Whether the asking person decides (an author) and may suggest (a co-author or a reviewer). */
    canDecide: z.boolean(),
    canSuggest: z.boolean(),
    suggestions: z.array(
      z.object({
        id: z.string(),
        sectionId: z.string(),
        blockId: z.string(),
        kind: z.enum(["insert", "delete", "replace", "format"]),
        status: z.enum(["PENDING", "ACCEPTED", "REJECTED"]),
        offset: z.number().int(),
        exact: z.string(),
        prefix: z.string(),
        suffix: z.string(),
        text: z.string(),
        /** A formatting suggestion's mark and whether it is added or removed; null for a change of words. */
        format: z.object({ mark: z.enum(["bold", "italic"]), action: z.enum(["add", "remove"]) }).nullable(),
        /** `id` only for the proposal's authors: the `authorId` a per-person decision takes. */
        author: z.object({ id: z.string().optional(), name: z.string() }),
        createdAt: instant,
        decidedAt: instant.nullable(),
        decidedBy: z.object({ name: z.string() }).nullable(),
        outdated: z.boolean(),
      }),
    ),
  })
  .meta({ id: "SuggestionList" });
export const SuggestionCreated = z.object({ id: z.string(), status: z.string(), createdAt: instant }).meta({ id: "SuggestionCreated" });
export const SuggestionDecision = z.looseObject({}).meta({ id: "SuggestionDecision" });
export const EditionList = z.looseObject({ slug: z.string(), editions: z.array(z.unknown()) }).meta({ id: "EditionList" });
export const SectionEffects = z.looseObject({}).meta({ id: "SectionEffects" });
