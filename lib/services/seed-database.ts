import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db/client";
import { projectRoot } from "../db/config";
import { parsePlainTextChapter } from "../domain/plain-text-chapter";
import type { DocumentSnapshot } from "../domain/document";
import { hashPassword, DEMO_PASSWORD } from "../auth/password";
import { publishVersion } from "./publish-version";
import { recordAudit } from "../db/audit";
import {
  DEMO_ORGANIZATIONS,
  DEMO_USERS,
  HANDBOOK_DOCUMENT,
  SEED_FIRST_SECTION_TITLE,
  SEED_SECTION_OWNERS,
} from "./seed-data";
import { publishSeedRepair } from "./seed-repair";

export const SEED_CHAPTER_FILE = "prisma/seed/ky-18-sau-chinh-phu-so-la-gi.txt";

export interface SeedReport {
  seeded: boolean;
  versions: number;
}

export function readSeedChapter(): DocumentSnapshot {
  const raw = fs.readFileSync(path.resolve(projectRoot(), SEED_CHAPTER_FILE), "utf8");
  const chapter = parsePlainTextChapter(raw, SEED_FIRST_SECTION_TITLE);
  return { slug: HANDBOOK_DOCUMENT.slug, title: HANDBOOK_DOCUMENT.title, sections: chapter.sections };
}

/**
 * Fills an empty database: demo ministries and people, the handbook with the real chapter as
 * version 1 (faithful to the source, flaws included), and version 2 published through the same
 * proposal, review and publishing services people use, repairing those flaws.
 * Does nothing when a document already exists.
 */
export async function seedDatabase(db: Db, options: { demoUsers?: boolean } = {}): Promise<SeedReport> {
  if ((await db.document.count()) > 0) return { seeded: false, versions: await db.version.count() };

  const organizations = new Map<string, string>();
  for (const organization of DEMO_ORGANIZATIONS) {
    const row = await db.organization.upsert({ where: { slug: organization.slug }, create: { ...organization }, update: {} });
    organizations.set(organization.slug, row.id);
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = new Map<string, string>();
  for (const user of options.demoUsers === false ? [] : DEMO_USERS) {
    const row = await db.user.upsert({
      where: { email: user.email },
      create: {
        email: user.email,
        name: user.name,
        role: user.role,
        passwordHash,
        organizationId: user.organization ? organizations.get(user.organization) ?? null : null,
      },
      update: {},
    });
    users.set(user.email, row.id);
  }
  const adminId = users.get("admin@camnang.gov.vn") ?? null;

  const document = await db.document.create({ data: { slug: HANDBOOK_DOCUMENT.slug, title: HANDBOOK_DOCUMENT.title } });
  await recordAudit(db, { actorId: adminId, action: "document.imported", targetType: "document", targetId: document.id, data: { source: SEED_CHAPTER_FILE } });

  const snapshot = readSeedChapter();
  const owners = Object.fromEntries(
    snapshot.sections.map((section) => [section.id, organizations.get(SEED_SECTION_OWNERS[section.slug] ?? "") ?? null]),
  );
  await publishVersion({
    db,
    documentId: document.id,
    expectedHeadNumber: null,
    snapshot,
    actorId: adminId,
    summary: "Phiên bản đầu tiên: Kỳ 18 như đã đăng trên web.",
    newSectionOwners: owners,
  });

  if (users.size > 0) await publishSeedRepair(db, { documentId: document.id, users });
  // The repair goes through the real review flow, which queues emails when SMTP is set; nobody is
  // told about a history replayed at install (and the demo addresses are not ours to write to).
  // The database was empty, so every row in the outbox is the seed's.
  await db.outboundEmail.deleteMany({});
  return { seeded: true, versions: await db.version.count() };
}
