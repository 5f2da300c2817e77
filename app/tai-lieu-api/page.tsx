import type { Metadata } from "next";
import { ApiReference, type ApiDocument } from "@/components/api/ApiReference";
import { buildOpenApiDocument } from "@/lib/http/openapi/document";
import { messages } from "@/lib/i18n/messages";
import { getMessages, getLocale } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: messages(await getLocale()).api.pageTitle };
}

/** The API reference: the same document as GET /api/v1/openapi.json, in the reader's language. */
export default async function ApiReferencePage() {
  const { locale, t } = await getMessages();
  const document = buildOpenApiDocument({ locale }) as unknown as ApiDocument;
  return (
    <div className="api-page">
      <h1>{t.api.pageTitle}</h1>
      <p>{document.info.description}</p>
      <p>
        {t.api.pageIntro} <a href={`/api/v1/openapi.json?lang=${locale}`}><code>{t.api.downloadJson}</code></a> (OpenAPI {document.openapi}, API {document.info.version}).
      </p>
      <ApiReference document={document} t={t.api} />
    </div>
  );
}
