import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NewProposalForm } from "@/components/proposal/NewProposalForm";
import { getCurrentActor } from "@/lib/auth/current";
import { proposalStartingPoint } from "@/lib/services/proposals/proposal-start";
import { getMessages } from "@/lib/i18n/server";
import { can } from "@/lib/policies";
import { createProposalAction } from "../actions";

export const metadata: Metadata = { title: "Đề xuất sửa đổi mới" };

export default async function NewProposalPage({ searchParams }: { searchParams: Promise<{ document?: string; section?: string }> }) {
  const { document: slug, section } = await searchParams;
  const actor = await getCurrentActor();
  if (!actor) redirect(`/dang-nhap?callbackUrl=${encodeURIComponent(`/lam-viec/de-xuat/moi?document=${slug ?? ""}&section=${section ?? ""}`)}`);
  const { locale, t } = await getMessages();
  if (!can(actor, "proposal:create")) return <p className="notice notice--error" role="alert">{t.errors.forbiddenPage()}</p>;
  const start = await proposalStartingPoint({ slug });
  if (!start) redirect("/");
  const { document, headNumber } = start;
  const vi = locale === "vi";
  return (
    <>
      <h1>{vi ? "Đề xuất sửa đổi mới" : "New change proposal"}</h1>
      <p className="prose">
        {vi
          ? `Bản nháp sẽ được tạo từ phiên bản ${headNumber ?? "?"} của “${document.title}”. Bạn và những người cùng soạn của cơ quan có thể sửa nhiều mục cùng lúc, rồi gửi thẩm định.`
          : `The draft starts from version ${headNumber ?? "?"} of “${document.title}”. You and your ministry's co-authors can edit any sections together, then submit for review.`}
      </p>
      <NewProposalForm
        action={createProposalAction}
        documentSlug={document.slug}
        sectionId={section ?? ""}
        labels={{
          title: vi ? "Tiêu đề đề xuất" : "Proposal title",
          rationale: vi ? "Lý do" : "Rationale",
          rationaleHint: vi ? "(vì sao cần sửa đổi)" : "(why the change is needed)",
          legalBasis: vi ? "Căn cứ pháp lý" : "Legal basis",
          legalBasisHint: vi ? "(ví dụ: Nghị định, Thông tư số …)" : "(e.g. the decree or circular it follows)",
          submit: vi ? "Tạo bản nháp" : "Create draft",
        }}
      />
    </>
  );
}
