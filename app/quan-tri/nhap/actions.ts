"use server";

import { redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/current";
import { AppError, isAppError, renderErrorMessage } from "@/lib/errors";
import { messages } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";
import { formString } from "@/lib/http/actions";
import { enforceRateLimit, personRateKey } from "@/lib/auth/rate-limit";
import { authorize, requireActor } from "@/lib/policies";
import { docxToSections } from "@/lib/services/history/docx-import";
import { importChapterProposal, MAX_IMPORT_BYTES, type ImportChapter } from "@/lib/services/history/import-chapter-proposal";
import type { ImportFormState } from "@/components/history/ImportForm";
import { describeImportProblem, type ImportProblem } from "@/lib/domain/content-problems";

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The chapter: the uploaded file (Markdown or Word), or else the pasted Markdown (never both). */
async function chapterFrom(form: FormData, pasted: string): Promise<ImportChapter> {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { markdown: pasted };
  if (pasted.trim().length > 0) {
    throw new AppError("BAD_REQUEST", "importPasteOrUpload");
  }
  if (file.size > MAX_IMPORT_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", "fileTooLarge", { limitMiB: MAX_IMPORT_BYTES / 1024 / 1024 });
  }
  if (file.name.toLowerCase().endsWith(".docx") || file.type === DOCX_TYPE) {
    return { sections: await docxToSections(Buffer.from(await file.arrayBuffer())), format: "docx" };
  }
  try {
    return { markdown: new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()) };
  } catch {
    throw new AppError("BAD_REQUEST", "fileNotUtf8");
  }
}

/** Creates an IMPORT proposal from a Markdown chapter and opens it; on error the form keeps what was typed. */
export async function importChapterAction(previous: ImportFormState, form: FormData): Promise<ImportFormState> {
  const values = {
    documentSlug: formString(form, "document"),
    title: formString(form, "title"),
    rationale: formString(form, "rationale"),
    markdown: formString(form, "markdown"),
  };
  let proposalId: string;
  try {
    const actor = requireActor(await getCurrentActor());
    authorize(actor, "document:import");
    await enforceRateLimit("import", personRateKey(actor));
    const chapter = await chapterFrom(form, values.markdown);
    const proposal = await importChapterProposal({
      actor,
      slug: values.documentSlug,
      input: { ...chapter, title: values.title || undefined, rationale: values.rationale || undefined },
    });
    proposalId = proposal.id;
  } catch (error) {
    if (!isAppError(error)) console.error("[action] import failed", error);
    const locale = await getLocale();
    const details = importProblemsOf(error).map((problem) => describeImportProblem(messages(locale).content, problem));
    const t = messages(locale).errors;
    return {
      attempt: previous.attempt + 1,
      error: isAppError(error) ? (details.length > 0 ? t.importFixBelow() : renderErrorMessage(error, locale)) : t.generic(),
      errors: details,
      values,
    };
  }
  redirect(`/lam-viec/de-xuat/${encodeURIComponent(proposalId)}`);
}

/** The sections an import was refused for, each to be listed on the form in the reader's language. */
function importProblemsOf(error: unknown): ImportProblem[] {
  if (!isAppError(error) || error.messageKey !== "importInvalid") return [];
  return (error.messageParams as { problems: ImportProblem[] }).problems;
}
