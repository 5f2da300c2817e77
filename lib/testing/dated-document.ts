import type { DbOrTx } from "../db/client";
import type { DocumentSnapshot, SectionContent } from "../domain/document";
import { publishVersion } from "../services/publish-version";

/**
 * A small document with two dated versions, for tests of effective dates, effects and citations
 * (integration tests call it directly, the end-to-end tests through e2e/fixtures/seed-dated-document.ts):
 * - version 1 takes effect on 2025-01-01 with three sections;
 * - version 2, published through a proposal with a legal basis, takes effect on 2025-06-01: it
 *   amends "Phạm vi", removes "Điều khoản chuyển tiếp", adds "Hiệu lực thi hành" and moves
 *   "Đối tượng áp dụng" after it.
 */
export const DATED_DOCUMENT = {
  slug: "quy-che-thu-nghiem",
  title: "Quy chế thử nghiệm",
  v1EffectiveFrom: "2025-01-01",
  v2EffectiveFrom: "2025-06-01",
  legalBasis: "Nghị định 42/2022/NĐ-CP",
  proposalTitle: "Cập nhật phạm vi và hiệu lực",
  sections: {
    scope: { id: "dated-scope", slug: "pham-vi", title: "Phạm vi" },
    subjects: { id: "dated-subjects", slug: "doi-tuong-ap-dung", title: "Đối tượng áp dụng" },
    transition: { id: "dated-transition", slug: "dieu-khoan-chuyen-tiep", title: "Điều khoản chuyển tiếp" },
    effect: { id: "dated-effect", slug: "hieu-luc-thi-hanh", title: "Hiệu lực thi hành" },
  },
  /** Words only version 1 has, and words only version 2 has. */
  v1Words: "áp dụng cho các bộ",
  v2Words: "áp dụng cho các bộ, ngành và địa phương",
} as const;

function paragraphs(prefix: string, texts: string[]): SectionContent {
  return {
    type: "doc",
    content: texts.map((text, index) => ({ type: "paragraph", attrs: { id: `${prefix}-p${index}` }, content: [{ type: "text", text }] })),
  };
}

/** Noon of a day in Vietnam: the clock time a version dated that day was published at. */
export function noonInVietnam(day: string): Date {
  return new Date(`${day}T12:00:00+07:00`);
}

export async function seedDatedDocument(db: DbOrTx): Promise<{ documentId: string }> {
  const { sections } = DATED_DOCUMENT;
  const document = await db.document.create({ data: { slug: DATED_DOCUMENT.slug, title: DATED_DOCUMENT.title } });
  const v1: DocumentSnapshot = {
    slug: DATED_DOCUMENT.slug,
    title: DATED_DOCUMENT.title,
    sections: [
      { ...sections.scope, content: paragraphs("scope", [`Quy chế này ${DATED_DOCUMENT.v1Words}.`]) },
      { ...sections.subjects, content: paragraphs("subjects", ["Cán bộ, công chức làm công tác chuyển đổi số."]) },
      { ...sections.transition, content: paragraphs("transition", ["Các hồ sơ đang xử lý tiếp tục theo quy định cũ."]) },
    ],
  };
  await publishVersion({ documentId: document.id, expectedHeadNumber: null, snapshot: v1, actorId: null, summary: "Ban hành lần đầu", now: noonInVietnam(DATED_DOCUMENT.v1EffectiveFrom) });

  const v1Row = await db.version.findFirstOrThrow({ where: { documentId: document.id, number: 1 } });
  const organization = await db.organization.upsert({
    where: { slug: "bo-tu-phap-thu-nghiem" },
    create: { slug: "bo-tu-phap-thu-nghiem", name: "Bộ Tư pháp (thử nghiệm)", nameEn: "Ministry of Justice (test)" },
    update: {},
  });
  const author = await db.user.upsert({
    where: { email: "tac-gia@thu-nghiem.gov.vn" },
    create: { email: "tac-gia@thu-nghiem.gov.vn", name: "Tác giả Thử nghiệm", role: "CONTRIBUTOR", organizationId: organization.id },
    update: {},
  });
  const proposal = await db.proposal.create({
    data: {
      documentId: document.id,
      baseVersionId: v1Row.id,
      title: DATED_DOCUMENT.proposalTitle,
      rationale: "Mở rộng phạm vi áp dụng",
      legalBasis: DATED_DOCUMENT.legalBasis,
      status: "PUBLISHED",
      createdById: author.id,
      organizationId: organization.id,
    },
  });
  const v2: DocumentSnapshot = {
    ...v1,
    sections: [
      { ...sections.scope, content: paragraphs("scope", [`Quy chế này ${DATED_DOCUMENT.v2Words}.`]) },
      { ...sections.effect, content: paragraphs("effect", ["Quy chế có hiệu lực từ ngày 01 tháng 6 năm 2025."]) },
      { ...sections.subjects, content: paragraphs("subjects", ["Cán bộ, công chức làm công tác chuyển đổi số."]) },
    ],
  };
  await publishVersion({
    documentId: document.id,
    expectedHeadNumber: 1,
    snapshot: v2,
    actorId: null,
    proposalId: proposal.id,
    summary: DATED_DOCUMENT.proposalTitle,
    newSectionOwners: { [sections.effect.id]: organization.id },
    now: noonInVietnam(DATED_DOCUMENT.v2EffectiveFrom),
  });
  return { documentId: document.id };
}
