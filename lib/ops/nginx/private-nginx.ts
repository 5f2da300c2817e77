import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * A private nginx run from a work directory, as the scale-out run and the reading benchmark start
 * it: Debian's binary, no service, every path (pid, logs, temporary files) inside the work
 * directory, the shipped site configuration and anything else included as given.
 */

/** Debian's nginx, or null when it is not installed. */
export const NGINX_BINARY: string | null = ["/usr/sbin/nginx", "nginx"].find((candidate) => spawnSync(candidate, ["-v"]).status === 0) ?? null;

/**
 * Writes the main configuration into `work` and returns its path and the error log's. One
 * worker: the web app under test is one process per instance too, and the load client needs the
 * other core.
 */
export function writePrivateNginxConfig(work: string, includes: readonly string[]): { configFile: string; errorLog: string } {
  const temp = (name: string) => path.join(work, `nginx-${name}`);
  const errorLog = path.join(work, "nginx-error.log");
  // nginx run as root drops to "nobody", which could not write the work directory.
  const user = process.getuid?.() === 0 ? "user root;\n" : "";
  const main = `${user}worker_processes 1;
pid ${path.join(work, "nginx.pid")};
error_log ${errorLog} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${temp("body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
${includes.map((file) => `  include ${file};`).join("\n")}
}
`;
  const configFile = path.join(work, "nginx.conf");
  fs.writeFileSync(configFile, main);
  return { configFile, errorLog };
}
