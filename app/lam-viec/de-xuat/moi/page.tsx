import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
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
  const { t } = await getMessages();
  if (!can(actor, "proposal:create")) forbidden();
  const start = await proposalStartingPoint({ slug });
  if (!start) notFound();
  const { document, headNumber } = start;
  return (
    <>
      <h1>{t.proposal.newTitle}</h1>
      <p className="prose">
        {t.proposal.newIntro(String(headNumber ?? "?"), document.title)}
      </p>
      <NewProposalForm
        action={createProposalAction}
        documentSlug={document.slug}
        sectionId={section ?? ""}
        labels={t.proposal.newForm}
      />
    </>
  );
}
