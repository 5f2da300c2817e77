/**
 * A private nginx for the reading benchmark: the configuration the product ships
 * (lib/ops/nginx/handbook.conf, its cache path, port and upstream replaced, as `npm run
 * test:scale` renders it) in front of the web app, and beside it, in the same nginx, a server
 * that sends the very same bytes from files: the anchor "nginx serving a static file".
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LOOPBACK, PROJECT_ROOT, freePort, startGroup, waitForHttp, type GroupChild } from "./bench-env";

export const NGINX_BINARY: string | null = ["/usr/sbin/nginx", "nginx"].find((candidate) => spawnSync(candidate, ["-v"]).status === 0) ?? null;

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
  const temp = (name: string) => path.join(work, `temp-${name}`);
  const user = process.getuid?.() === 0 ? "user root;\n" : "";
  // One worker: the web app is one process too, and the load client needs the other core.
  const main = `${user}worker_processes 1;
pid ${path.join(work, "nginx.pid")};
error_log ${path.join(work, "error.log")} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${temp("body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
  include ${path.join(work, "handbook.conf")};
  include ${path.join(work, "files.conf")};
}
`;
  const configFile = path.join(work, "nginx.conf");
  fs.writeFileSync(configFile, main);
  const nginx: GroupChild = startGroup("nginx", NGINX_BINARY, ["-p", work, "-c", configFile, "-g", "daemon off;"], process.env);
  const alive = () => nginx.child.exitCode === null;
  const ready =
    (await waitForHttp(`http://${LOOPBACK}:${filesPort}${options.routes[0].path}`, START_TIMEOUT_MS, alive)) &&
    (await waitForHttp(`http://${LOOPBACK}:${proxiedPort}/api/health`, START_TIMEOUT_MS, alive));
  if (!ready) {
    const errors = fs.existsSync(path.join(work, "error.log")) ? fs.readFileSync(path.join(work, "error.log"), "utf8") : "";
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
