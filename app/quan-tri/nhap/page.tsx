import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { ImportForm } from "@/components/history/ImportForm";
import { messages } from "@/lib/i18n/messages";
import { getCurrentActor } from "@/lib/auth/current";
import { getMessages } from "@/lib/i18n/server";
import { can } from "@/lib/policies";
import { listDocuments } from "@/lib/services/read-document";
import { importChapterAction } from "./actions";

export const metadata: Metadata = { title: "Nhập chương mới" };

export default async function ImportPage() {
  const actor = await getCurrentActor();
  if (!actor) redirect("/dang-nhap?callbackUrl=/quan-tri/nhap");
  const { locale, t: site } = await getMessages();
  const t = messages(locale).history;
  if (!can(actor, "document:import")) forbidden();
  const documents = (await listDocuments()).filter((document) => document.version !== null);
  return (
    <>
      <p className="meta"><Link href="/quan-tri">{site.admin.title}</Link></p>
      <h1>{t.importTitle}</h1>
      <p className="prose">{t.importIntro}</p>
      <ImportForm action={importChapterAction} documents={documents.map(({ slug, title }) => ({ slug, title }))} labels={t.importForm} />
    </>
  );
}
