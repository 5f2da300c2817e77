/**
 * The reading anchor: a plain `node:http` server answering from memory with the exact bytes
 * our server sent once. Runs as its own process, as our server does, so that both share the
 * machine with the load client in the same way.
 *
 *   node --import tsx e2e/bench/static-server.ts <manifest.json>
 *
 * The manifest lists `{ path, file, contentType }`; the port (free, loopback) is printed as
 * `listening <port>`.
 */
import fs from "node:fs";
import http from "node:http";

interface Route {
  path: string;
  file: string;
  contentType: string;
}

const manifestFile = process.argv[2];
if (!manifestFile) {
  console.error("usage: static-server.ts <manifest.json>");
  process.exit(2);
}

const routes = new Map<string, { body: Buffer; contentType: string }>();
for (const route of JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Route[]) {
  routes.set(route.path, { body: fs.readFileSync(route.file), contentType: route.contentType });
}

const server = http.createServer((request, response) => {
  const route = routes.get(request.url ?? "");
  if (!route) {
    response.writeHead(404, { "content-length": "0" });
    response.end();
    return;
  }
  response.writeHead(200, { "content-type": route.contentType, "content-length": String(route.body.byteLength) });
  response.end(route.body);
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`listening ${port}\n`);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
