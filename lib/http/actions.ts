import { redirect } from "next/navigation";
import { isAppError, renderErrorMessage } from "../errors";
import { messages } from "../i18n/messages";
import { getLocale } from "../i18n/server";

/**
 * Server actions used as plain form actions (they work without JavaScript): run the use case,
 * then redirect back to the page with a short status in the query string, in the language the
 * person reads. Errors that are not AppErrors are logged and shown as a generic message, never as
 * a stack trace.
 */
export async function runFormAction(returnTo: string, work: () => Promise<string | void>): Promise<never> {
  let message: string;
  let ok = true;
  try {
    message = (await work()) ?? "ok";
  } catch (error) {
    ok = false;
    const locale = await getLocale();
    if (isAppError(error)) {
      message = renderErrorMessage(error, locale);
    } else {
      console.error("[action] unexpected error", error);
      message = messages(locale).errors.generic();
    }
  }
  const url = new URL(returnTo, "http://local");
  url.searchParams.set(ok ? "ok" : "error", message);
  redirect(`${url.pathname}${url.search}${url.hash}`);
}

export function formString(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
