/**
 * Calling server actions the way Next's client does (a `Next-Action` header with the id the build
 * gave the action, the arguments encoded as React's reply format: a FormData argument is `$K1`
 * with its fields prefixed `_1_`), and reading what came back: the redirect a form action answers
 * with (`?ok=` or `?error=`), or the state object a `useActionState` action returns.
 */
import { messages } from "@/lib/i18n/messages";
import type { Answer, Visitor } from "./http";

export interface ActionCall {
  id: string;
  /** A path the action's page serves; Next runs the action there. */
  path: string;
  fields: Record<string, string | Blob>;
  /** The previous state, for actions of `useActionState` (their first argument). */
  previousState?: unknown;
}

export async function callAction(visitor: Visitor, call: ActionCall): Promise<Answer> {
  const form = new FormData();
  for (const [name, value] of Object.entries(call.fields)) form.set(`_1_${name}`, value);
  // Last, as React writes it: the server resolves the root as soon as it arrives.
  form.set("0", JSON.stringify(call.previousState === undefined ? ["$K1"] : [call.previousState, "$K1"]));
  const encoded = new Request("http://local/", { method: "POST", body: form });
  const body = Buffer.from(await encoded.arrayBuffer());
  return visitor.request({
    method: "POST",
    path: call.path,
    body,
    headers: { "next-action": call.id, accept: "text/x-component", "content-type": encoded.headers.get("content-type")! },
  });
}

export interface ActionOutcome {
  granted: boolean;
  /** Refused because of who asked (sign-in needed, forbidden), as opposed to bad input. */
  permissionRefused: boolean;
  detail: string;
}

function permissionTexts(): string[] {
  const texts: string[] = [];
  for (const locale of ["vi", "en"] as const) {
    const errors = messages(locale).errors;
    texts.push(errors.signInRequired(), errors.forbiddenPage(), errors.readOnlyToken(), errors.forbiddenAction({ action: "" }).split("(")[0].trim());
  }
  return texts;
}
/** Services that refuse on their own words (not yet in the catalog) say so in brackets. */
const SERVICE_PERMISSION_WORDS = /\((forbidden|no ministry|separation of duties|cannot co-author)\)/;
const PERMISSION_TEXTS = permissionTexts();

export function isPermissionMessage(message: string): boolean {
  return PERMISSION_TEXTS.some((text) => message.includes(text)) || SERVICE_PERMISSION_WORDS.test(message);
}

export function actionOutcome(answer: Answer): ActionOutcome {
  const redirect = answer.headers["x-action-redirect"];
  if (typeof redirect === "string") {
    const target = new URL(redirect.split(";")[0], "http://local");
    if (target.pathname === "/dang-nhap") return { granted: false, permissionRefused: true, detail: `sign-in redirect ${redirect}` };
    const error = target.searchParams.get("error");
    if (error !== null) return { granted: false, permissionRefused: isPermissionMessage(error), detail: error };
    return { granted: true, permissionRefused: false, detail: redirect };
  }
  const text = answer.text();
  if (answer.status !== 200) return { granted: false, permissionRefused: answer.status === 401 || answer.status === 403, detail: `${answer.status} ${text.slice(0, 200)}` };
  const stateError = /"error":"((?:[^"\\]|\\.)*)"/.exec(text);
  if (stateError) {
    const message = JSON.parse(`"${stateError[1]}"`) as string;
    return { granted: false, permissionRefused: isPermissionMessage(message), detail: message };
  }
  if (text.includes('"error":null')) return { granted: true, permissionRefused: false, detail: "state without error" };
  return { granted: false, permissionRefused: false, detail: `unrecognised answer ${text.slice(0, 200)}` };
}
