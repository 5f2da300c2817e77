/**
 * The people and things the hostile suite acts on, made through the product itself: the seed's
 * demo accounts signed in, proposals created through the API, API tokens minted in the workspace.
 */
import fs from "node:fs";
import path from "node:path";
import type { Actor, ProposalResource } from "@/lib/policies";
import type { Role } from "@/lib/domain/roles";
import { callAction } from "./actions";
import { row, rows } from "./database";
import { DOC, PROJECT_ROOT } from "./env";
import { Visitor } from "./http";

export const DEMO_EMAILS = {
  admin: "admin@camnang.gov.vn",
  lan: "lan@mof.gov.vn",
  hoa: "hoa@mof.gov.vn",
  tuan: "tuan@mic.gov.vn",
  minh: "minh@mic.gov.vn",
  thu: "thu@moha.gov.vn",
  khoa: "khoa@mof.gov.vn",
  reader: "docgia@example.vn",
} as const;

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  organizationId: string | null;
}

export function actorByEmail(email: string, readOnly = false): Actor {
  const user = row<UserRow>('SELECT id, name, email, role, organizationId FROM "User" WHERE email = ?', email);
  if (!user) throw new Error(`no user ${email}`);
  return readOnly ? { ...user, readOnly: true } : { ...user };
}

/** The proposal as the permission module sees it, read fresh from the database. */
export function proposalResource(proposalId: string): ProposalResource {
  const proposal = row<{ status: string; createdById: string; organizationId: string; allowOtherOrgs: number }>(
    'SELECT status, createdById, organizationId, allowOtherOrgs FROM "Proposal" WHERE id = ?',
    proposalId,
  );
  if (!proposal) throw new Error(`no proposal ${proposalId}`);
  const authorIds = rows<{ userId: string }>('SELECT userId FROM "ProposalAuthor" WHERE proposalId = ?', proposalId).map((author) => author.userId);
  return { kind: "proposal", status: proposal.status, createdById: proposal.createdById, organizationId: proposal.organizationId, authorIds, allowOtherOrgs: proposal.allowOtherOrgs === 1 };
}

export function proposalSections(proposalId: string): { sectionId: string; slug: string; title: string }[] {
  return rows('SELECT sectionId, slug, title FROM "ProposalSection" WHERE proposalId = ? ORDER BY position', proposalId);
}

export function proposalSectionContent(proposalId: string, sectionId: string): string {
  return row<{ content: string }>('SELECT content FROM "ProposalSection" WHERE proposalId = ? AND sectionId = ?', proposalId, sectionId)?.content ?? "";
}

export async function signedIn(email: string, localAddress?: string): Promise<Visitor> {
  return new Visitor(email, null, localAddress).signIn(email);
}

export async function createProposal(visitor: Visitor, title: string, rationale = "Kiểm tra an ninh."): Promise<string> {
  const answer = await visitor.json<{ id: string }>("POST", `/api/v1/documents/${DOC}/proposals`, { title, rationale });
  if (answer.status !== 201) throw new Error(`could not create a proposal: ${answer.status} ${answer.text().slice(0, 300)}`);
  return answer.data.id;
}

/** Replaces a section's draft with paragraphs of plain text, through the API. */
export async function replaceSection(visitor: Visitor, proposalId: string, sectionId: string, content: unknown): Promise<number> {
  return (await visitor.json("PUT", `/api/v1/proposals/${proposalId}/sections/${sectionId}`, { content })).status;
}

export function paragraphs(...texts: string[]): unknown {
  return { type: "doc", content: texts.map((text) => ({ type: "paragraph", content: text ? [{ type: "text", text }] : [] })) };
}

/** The server action's id from the production build's manifest. */
export function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === exportedName);
  if (!found) throw new Error(`no action ${file}#${exportedName} in the build`);
  return found[0];
}

/** Mints an API token in the workspace, as its form does, and returns the secret shown once. */
export async function mintToken(visitor: Visitor, name: string, scope: "read" | "write"): Promise<string> {
  const answer = await callAction(visitor, {
    id: actionId("app/lam-viec/actions.ts", "createApiTokenAction"),
    path: "/lam-viec",
    fields: { name, scope, days: "7" },
    previousState: { secret: null, error: null },
  });
  const secret = /"secret":"(hbk_[^"]+)"/.exec(answer.text())?.[1];
  if (!secret) throw new Error(`no token minted: ${answer.status} ${answer.text().slice(0, 300)}`);
  return secret;
}

export function publishedProposalId(): string {
  const published = row<{ id: string }>('SELECT id FROM "Proposal" WHERE status = \'PUBLISHED\' ORDER BY createdAt LIMIT 1');
  if (!published) throw new Error("the seed has no published proposal");
  return published.id;
}
