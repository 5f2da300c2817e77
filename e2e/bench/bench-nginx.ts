/**
 * A private nginx for the reading benchmark: the configuration the product ships
 * (lib/ops/nginx/handbook.conf, its cache path, port and upstream replaced, as `npm run
 * test:scale` renders it) in front of the web app, and beside it, in the same nginx, a server
 * that sends the very same bytes from files: the anchor "nginx serving a static file".
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NGINX_BINARY, writePrivateNginxConfig } from "../../lib/ops/nginx/private-nginx";
import { LOOPBACK, PROJECT_ROOT, freePort, startGroup, waitForHttp, type GroupChild } from "./bench-env";


export interface StaticRoute {
  path: string;
  file: string;
  contentType: string;
}

export interface BenchNginx {
  /** The shipped configuration, proxying to the web app (with its micro-cache). */
  proxiedPort: number;
  /** The same nginx serving the captured bytes from files. */
  filesPort: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;

/** Starts nginx; null when it is not installed. */
export async function startBenchNginx(options: { webPort: number; routes: readonly StaticRoute[] }): Promise<BenchNginx | null> {
  if (!NGINX_BINARY) return null;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "camnang-bench-nginx-"));
  const proxiedPort = await freePort();
  const filesPort = await freePort();
  const shipped = fs.readFileSync(path.join(PROJECT_ROOT, "lib/ops/nginx/handbook.conf"), "utf8");
  const site = shipped
    .replace(/proxy_cache_path \S+/, `proxy_cache_path ${path.join(work, "cache")}`)
    .replace(/listen 80;/, `listen ${LOOPBACK}:${proxiedPort};`)
    .replace(/(upstream handbook_web \{[^}]*?)server 127\.0\.0\.1:3000/, `$1server ${LOOPBACK}:${options.webPort}`);
  if (!site.includes(`${LOOPBACK}:${options.webPort}`)) throw new Error("lib/ops/nginx/handbook.conf: no upstream handbook_web server line to point at the web app");
  // Exact locations, one per captured address, each answered from the file holding its bytes.
  const locations = options.routes
    .map((route) => `    location = ${route.path} {\n      default_type ${route.contentType.split(";")[0]};\n      alias ${route.file};\n    }`)
    .join("\n");
  const files = `server {\n    listen ${LOOPBACK}:${filesPort};\n    server_name _;\n${locations}\n}\n`;
  fs.writeFileSync(path.join(work, "handbook.conf"), site);
  fs.writeFileSync(path.join(work, "files.conf"), files);
  const { configFile, errorLog } = writePrivateNginxConfig(work, [path.join(work, "handbook.conf"), path.join(work, "files.conf")]);
  const nginx: GroupChild = startGroup("nginx", NGINX_BINARY, ["-p", work, "-c", configFile, "-g", "daemon off;"], process.env);
  const alive = () => nginx.child.exitCode === null;
  const ready =
    (await waitForHttp(`http://${LOOPBACK}:${filesPort}${options.routes[0].path}`, START_TIMEOUT_MS, alive)) &&
    (await waitForHttp(`http://${LOOPBACK}:${proxiedPort}/api/health`, START_TIMEOUT_MS, alive));
  if (!ready) {
    const errors = fs.existsSync(errorLog) ? fs.readFileSync(errorLog, "utf8") : "";
    await nginx.stop();
    throw new Error(`nginx did not start: ${nginx.output()} ${errors}`);
  }
  return {
    proxiedPort,
    filesPort,
    async stop() {
      await nginx.stop();
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}
