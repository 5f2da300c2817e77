/**
 * Where proxy.ts hands the web server (lib/ops/web-server.mjs) the answers it can give before
 * Next routes a request: cache hits of the reader's pages and of the documents API. Plain
 * JavaScript on a process-wide symbol, because the two sides are separate module graphs of one
 * process: the proxy is bundled by Next, the server is loaded by Node.
 */
const EARLY_ANSWER = Symbol.for("cam-nang-mo.early-answer");

/**
 * @param {(request: import("node:http").IncomingMessage, response: import("node:http").ServerResponse) => false | Promise<boolean>} answer
 */
export function registerEarlyAnswer(answer) {
  /** @type {Record<symbol, unknown>} */ (globalThis)[EARLY_ANSWER] = answer;
}

/**
 * Answers `request` from memory if proxy.ts has registered its answers and holds this one:
 * false (at once, or once the cache has been consulted) when Next must handle the request.
 *
 * @param {import("node:http").IncomingMessage} request
 * @param {import("node:http").ServerResponse} response
 * @returns {false | Promise<boolean>}
 */
export function answerEarly(request, response) {
  const answer = /** @type {Record<symbol, unknown>} */ (globalThis)[EARLY_ANSWER];
  return typeof answer === "function" ? answer(request, response) : false;
}
