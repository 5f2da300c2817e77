/**
 * The web app's server in production (`npm start`, `npm run start:web`): Next's own request
 * handler, the one `next start` runs, behind one step of ours. A request the reader caches of
 * proxy.ts already hold the answer to (an anonymous reader's page, a published document body) is
 * answered from memory on the spot (lib/http/early-answer-registry.mjs); everything else, misses
 * included, goes to Next unchanged, through proxy.ts as before. Next's way to a proxy's answer
 * cost a cached page about four times what sending one of its static files costs (its request
 * wrapper and tracing, a web stream piped into the socket); this way it costs less than one.
 *
 *   node lib/ops/web-server.mjs -p PORT -H HOST
 *
 * Plain JavaScript, so that the web process loads no TypeScript compiler of its own.
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { answerEarly } from "../http/early-answer-registry.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DEFAULT_PORT = 3000;

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? DEFAULT_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`not a port: ${values.port ?? process.env.PORT}`);
const hostname = values.hostname ?? process.env.HOST ?? "127.0.0.1";
// As `next start` does: a production server, and the port its own requests come back to.
process.env.NODE_ENV = "production";
process.env.PORT = String(port);

const { default: next } = await import("next");
const server = http.createServer();
const app = next({ dev: false, dir: ROOT, hostname, port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();

/** Next's handling, with the answer `next start` gives when it fails. */
async function toNext(request, response) {
  try {
    await handle(request, response);
  } catch (error) {
    console.error(`[web] failed to handle ${request.url}:`, error);
    if (!response.headersSent) response.statusCode = 500;
    response.end("Internal Server Error");
  }
}

server.on("request", (request, response) => {
  let early;
  try {
    early = answerEarly(request, response);
  } catch (error) {
    console.error(`[web] the early answer failed for ${request.url}:`, error);
    early = false;
  }
  if (early === false) {
    void toNext(request, response);
    return;
  }
  early.then(
    (answered) => {
      if (!answered) void toNext(request, response);
    },
    (error) => {
      console.error(`[web] the early answer failed for ${request.url}:`, error);
      if (!response.headersSent) void toNext(request, response);
    },
  );
});
server.on("error", (error) => {
  console.error("[web] failed to start:", error);
  process.exit(1);
});
server.listen(port, hostname, () => console.log(`[web] ready on http://${hostname}:${port}`));
