/**
 * The XSS payload list (e2e/security/payloads/xss.json, its origin noted inside) and the
 * watch a browser page keeps for them: any dialog, any write to the `__pwned` global the payloads
 * set, any Content Security Policy report, and, without running anything, any hostile markup that
 * reached the DOM (an inline event handler, a javascript:, data: or vbscript: URL, a script,
 * frame, object, embed, base or meta element inside the page's content).
 */
import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { PROJECT_ROOT } from "./env";

export interface Payload {
  family: string;
  payload: string;
}

export function loadPayloads(): Payload[] {
  const file = path.join(PROJECT_ROOT, "e2e/security/payloads/xss.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { payloads: Payload[] }).payloads;
}

declare global {
  interface Window {
    __xssHits?: string[];
    __cspReports?: string[];
  }
}

export interface Watch {
  executions: string[];
  cspViolations: string[];
  hostileMarkup: string[];
}

/** Arms a context: every page it opens records executions from its first script on. */
export async function armContext(context: BrowserContext, watch: Watch): Promise<void> {
  await context.addInitScript(() => {
    window.__xssHits = [];
    window.__cspReports = [];
    Object.defineProperty(window, "__pwned", {
      configurable: false,
      set: () => window.__xssHits?.push("__pwned set"),
      get: () => undefined,
    });
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspReports?.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
  context.on("page", (page) => watchDialogs(page, watch));
}

export function watchDialogs(page: Page, watch: Watch): void {
  page.on("dialog", async (dialog) => {
    watch.executions.push(`dialog ${dialog.type()} "${dialog.message()}" on ${page.url()}`);
    await dialog.dismiss().catch(() => undefined);
  });
}

/**
 * Collects what a page recorded, after giving timers, autofocus and animations a moment, and
 * after hovering and focusing every element of the content (synthetic events run inline
 * handlers if any got through).
 */
export async function collect(page: Page, watch: Watch, where: string): Promise<void> {
  await page.waitForTimeout(300);
  const found = await page.evaluate(() => {
    const hostile: string[] = [];
    const root = document.querySelector("main") ?? document.body;
    const URL_ATTRIBUTES = ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster", "background"];
    for (const element of Array.from(root.querySelectorAll("*"))) {
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        const value = attribute.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
        if (name.startsWith("on")) hostile.push(`<${element.localName} ${name}>`);
        if (URL_ATTRIBUTES.includes(name) && /^(javascript|data|vbscript):/.test(value)) hostile.push(`<${element.localName} ${name}=${value.slice(0, 40)}>`);
        if (name === "srcdoc") hostile.push(`<${element.localName} srcdoc>`);
      }
      // Next's own streaming scripts carry the response's nonce; nothing else may be a script, but
      // for a JSON-LD data block (never run by a browser; lib/domain/eli.ts keeps "</script>" out of it).
      const nonced = element instanceof HTMLScriptElement && element.nonce !== "";
      const dataBlock = element instanceof HTMLScriptElement && element.type === "application/ld+json" && element.attributes.length === 1;
      if (!nonced && !dataBlock && ["script", "iframe", "frame", "object", "embed", "base", "portal"].includes(element.localName)) hostile.push(`<${element.localName}> in content`);
      if (element.localName === "meta" && element.getAttribute("http-equiv")) hostile.push("<meta http-equiv> in content");
      // Plain Events, never clicks or submits: an inline handler would run, a form would not be sent.
      for (const type of ["mouseover", "pointerenter", "focus", "focusin", "toggle", "animationstart"]) {
        element.dispatchEvent(new Event(type, { bubbles: false }));
      }
    }
    return { hits: window.__xssHits ?? [], csp: window.__cspReports ?? [], hostile };
  });
  watch.executions.push(...found.hits.map((hit) => `${hit} on ${where}`));
  watch.cspViolations.push(...found.csp.map((report) => `${report} on ${where}`));
  watch.hostileMarkup.push(...found.hostile.map((markup) => `${markup} on ${where}`));
}

/** Splits `items` into `count` nearly equal runs, in order. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}
