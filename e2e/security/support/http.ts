/**
 * A plain HTTP client for the hostile suite: node:http against the loopback product, with the
 * source address chosen per request (Linux answers on all of 127.0.0.0/8, so "many addresses"
 * are real connections, not forged headers), a session cookie per person, and a time cap on
 * every request.
 */
import http, { type IncomingHttpHeaders } from "node:http";
import { DEMO_PASSWORD, LOOPBACK, SECURITY_WEB_PORT, WEB_ORIGIN } from "./env";

export const REQUEST_TIMEOUT_MS = 30_000;

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  json<T = unknown>(): T;
}

export interface RequestOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  localAddress?: string;
  /** Resolve at the status and headers, with an empty body, and close: for an endless stream (server-sent events). */
  headersOnly?: boolean;
}

export function send(options: RequestOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = typeof options.body === "string" ? Buffer.from(options.body) : options.body;
    const request = http.request(
      {
        host: LOOPBACK,
        port: SECURITY_WEB_PORT,
        method: options.method ?? "GET",
        path: options.path,
        localAddress: options.localAddress,
        agent: false,
        headers: { host: `localhost:${SECURITY_WEB_PORT}`, ...(body ? { "content-length": String(body.length) } : {}), ...options.headers },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        if (options.headersOnly) {
          const empty = Buffer.alloc(0);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: empty, text: () => "", json: <T>() => JSON.parse("null") as T });
          request.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const all = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: all,
            text: () => all.toString("utf8"),
            json: <T>() => JSON.parse(all.toString("utf8")) as T,
          });
        });
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms: ${options.method ?? "GET"} ${options.path}`)));
    request.on("error", reject);
    request.end(body);
  });
}

/** Someone using the site: anonymous until `signIn`, then carrying next-auth's session cookie. */
export class Visitor {
  private cookies = new Map<string, string>();
  constructor(
    readonly label: string,
    private readonly bearer: string | null = null,
    readonly localAddress?: string,
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async request(options: RequestOptions): Promise<Answer> {
    const headers: Record<string, string> = { origin: WEB_ORIGIN, ...options.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const answer = await send({ ...options, headers, localAddress: options.localAddress ?? this.localAddress });
    const setCookie = answer.headers["set-cookie"] ?? [];
    for (const line of setCookie) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return answer;
  }

  async json<T>(method: string, path: string, data?: unknown): Promise<Answer & { data: T }> {
    const answer = await this.request({
      method,
      path,
      body: data === undefined ? undefined : JSON.stringify(data),
      headers: data === undefined ? {} : { "content-type": "application/json" },
    });
    let parsed: unknown = null;
    try {
      parsed = answer.json();
    } catch {
      parsed = null;
    }
    return Object.assign(answer, { data: parsed as T });
  }

  /** next-auth's credentials callback, as the sign-in page posts it; returns the answer. */
  async attemptSignIn(email: string, password = DEMO_PASSWORD, extraHeaders: Record<string, string> = {}): Promise<Answer> {
    const csrf = (await this.request({ path: "/api/auth/csrf" })).json<{ csrfToken: string }>().csrfToken;
    return this.request({
      method: "POST",
      path: "/api/auth/callback/credentials",
      headers: { "content-type": "application/x-www-form-urlencoded", ...extraHeaders },
      body: new URLSearchParams({ csrfToken: csrf, email, password, json: "true" }).toString(),
    });
  }

  async signIn(email: string, password = DEMO_PASSWORD): Promise<this> {
    const answer = await this.attemptSignIn(email, password);
    if (answer.status !== 200) throw new Error(`${email} could not sign in: ${answer.status} ${answer.text().slice(0, 200)}`);
    const session = (await this.request({ path: "/api/auth/session" })).json<{ user?: { email?: string } }>();
    if (session.user?.email !== email) throw new Error(`${email} has no session after signing in`);
    return this;
  }
}

/** Runs `work` over `items` with at most `limit` at once, in order of the items. */
export async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(runners);
  return results;
}
