import { sign, generateKeyPairSync, type KeyObject } from "node:crypto";
import path from "node:path";
import { createApiToken } from "../../auth/api-tokens";
import type { Db } from "../../db/client";
import type { Operation, Status } from "./operations";

/**
 * Calls the product's own route handlers (app/api/v1/**\/route.ts) the way Next does, by the
 * OpenAPI path of the operation: `/api/v1/documents/{slug}` is app/api/v1/documents/[slug]/route.ts.
 * Used by the contract test, which checks each real answer against its documented schema.
 */
export interface CallAnswer {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

const PROJECT_ROOT = path.resolve(__dirname, "../../..");
export const CONTRACT_ORIGIN = "http://camnang.test";

export function routeFileFor(openApiPath: string): string {
  const segments = openApiPath.split("/").filter(Boolean).map((segment) => segment.replace(/^\{(.+)\}$/, "[$1]"));
  return path.join(PROJECT_ROOT, "app", ...segments, "route.ts");
}

export function fillPath(openApiPath: string, params: Record<string, string>): string {
  return openApiPath.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${openApiPath}`);
    return encodeURIComponent(value);
  });
}

export async function callRoute(
  method: string,
  openApiPath: string,
  options: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown; token?: string } = {},
): Promise<CallAnswer> {
  const params = options.params ?? {};
  const url = new URL(fillPath(openApiPath, params), CONTRACT_ORIGIN);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
  const headers = new Headers({ "accept-language": "vi" });
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let body: string | undefined;
  if (options.body !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(options.body);
  }
  const routeModule = (await import(routeFileFor(openApiPath))) as Record<string, (request: Request, context: unknown) => Promise<Response>>;
  const handler = routeModule[method.toUpperCase()];
  if (!handler) throw new Error(`${routeFileFor(openApiPath)} exports no ${method.toUpperCase()}`);
  const response = await handler(new Request(url, { method: method.toUpperCase(), headers, body }), { params: Promise.resolve(params) });
  const text = await response.text();
  const contentType = response.headers.get("content-type") ?? "";
  let json: unknown = undefined;
  if (contentType.includes("json") && text.length > 0) json = JSON.parse(text);
  return { status: response.status, contentType, text, json };
}

export async function writeToken(db: Db, email: string): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return (await createApiToken(db, { userId: user.id, name: `Hợp đồng API ${email}`, scope: "write", days: 1 })).secret;
}

/** A reviewer's Ed25519 key, made for one test run: the public half to register, the private half to sign approvals. */
export function reviewerKey(): { publicKey: string; sign(payloadBase64: string): string } {
  const pair = generateKeyPairSync("ed25519");
  const privateKey: KeyObject = pair.privateKey;
  const raw = Buffer.from(pair.publicKey.export({ format: "jwk" }).x!, "base64url");
  return {
    publicKey: raw.toString("base64"),
    sign: (payloadBase64) => sign(null, Buffer.from(payloadBase64, "base64"), privateKey).toString("base64"),
  };
}

/**
 * What is wrong with an answer against the operation's description: an undocumented status, a
 * media type it does not list, or a JSON body its schema refuses. Empty when it matches.
 */
export function contractProblems(operation: Operation, answer: CallAnswer): string[] {
  const spec = operation.responses[answer.status as Status];
  const where = `${operation.method.toUpperCase()} ${operation.path} → ${answer.status}`;
  if (!spec) return [`${where}: status not documented`];
  const media = answer.contentType.split(";")[0].trim();
  if (!spec.schema && !spec.media) return answer.text.length === 0 ? [] : [`${where}: documented without a body, answered ${media}`];
  if (media === "application/json" && spec.schema) {
    const result = spec.schema.safeParse(answer.json);
    return result.success ? [] : result.error.issues.map((issue) => `${where}: ${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  if (spec.media?.includes(media)) return [];
  return [`${where}: media type ${media} not documented`];
}
