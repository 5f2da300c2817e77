/**
 * Every entry point of the product, read from the source tree rather than written down: pages
 * (app/**\/page.tsx), route handlers and their methods (app/**\/route.ts), server actions (the
 * exports of "use server" files, with the ids the production build gave them) and the kinds of
 * collaboration room (the name builders of lib/domain/collab-names.ts). The matrix fails on any
 * entry it has no expectation for.
 */
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./env";

const APP_DIR = path.join(PROJECT_ROOT, "app");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export interface PageEntry {
  kind: "page";
  /** The route pattern as Next writes it: `/lam-viec/de-xuat/[id]`. */
  pattern: string;
}
export interface RouteEntry {
  kind: "route";
  pattern: string;
  method: (typeof HTTP_METHODS)[number];
}
export interface ActionEntry {
  kind: "action";
  /** `app/lam-viec/actions.ts#createApiTokenAction` */
  key: string;
  file: string;
  exportedName: string;
  /** The id the build gave it (the `Next-Action` header), and a page that serves it. */
  id: string;
  page: string;
}
export interface RoomEntry {
  kind: "room";
  builder: string;
}
export type Entry = PageEntry | RouteEntry | ActionEntry | RoomEntry;

export function entryKey(entry: Entry): string {
  switch (entry.kind) {
    case "page":
      return `page ${entry.pattern}`;
    case "route":
      return `${entry.method} ${entry.pattern}`;
    case "action":
      return `action ${entry.key}`;
    case "room":
      return `room ${entry.builder}`;
  }
}

function walk(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else found.push(full);
  }
  return found;
}

function patternOf(file: string): string {
  const segments = path
    .relative(APP_DIR, path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

function relative(file: string): string {
  return path.relative(PROJECT_ROOT, file).split(path.sep).join("/");
}

export function scanPages(): PageEntry[] {
  return walk(APP_DIR)
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => ({ kind: "page" as const, pattern: patternOf(file) }))
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

export function scanRoutes(): RouteEntry[] {
  const entries: RouteEntry[] = [];
  for (const file of walk(APP_DIR).filter((name) => path.basename(name) === "route.ts")) {
    const source = fs.readFileSync(file, "utf8");
    for (const method of HTTP_METHODS) {
      const declared =
        new RegExp(`export\\s+(const|async\\s+function|function)\\s+${method}\\b`).test(source) ||
        new RegExp(`export\\s*\\{[^}]*\\bas\\s+${method}\\b[^}]*\\}`).test(source) ||
        new RegExp(`export\\s*\\{[^}]*\\b${method}\\b[^}]*\\}`).test(source);
      if (declared) entries.push({ kind: "route", pattern: patternOf(file), method });
    }
  }
  return entries.sort((a, b) => entryKey(a).localeCompare(entryKey(b)));
}

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename?: string;
  exportedName?: string;
}

export function scanActions(): ActionEntry[] {
  const manifestFile = path.join(PROJECT_ROOT, ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { node: Record<string, ManifestEntry> };
  const entries: ActionEntry[] = [];
  const sourceFiles = [...walk(APP_DIR), ...walk(path.join(PROJECT_ROOT, "lib")), ...walk(path.join(PROJECT_ROOT, "components"))].filter((file) => /\.tsx?$/.test(file));
  for (const file of sourceFiles) {
    const source = fs.readFileSync(file, "utf8");
    if (!/^\s*["']use server["'];?/m.test(source.split("\n").slice(0, 3).join("\n"))) continue;
    const name = relative(file);
    for (const match of source.matchAll(/export\s+async\s+function\s+(\w+)/g)) {
      const exportedName = match[1];
      const found = Object.entries(manifest.node).find(([, value]) => value.filename === name && value.exportedName === exportedName);
      if (!found) throw new Error(`the build has no id for ${name}#${exportedName}: is .next older than the sources?`);
      const worker = Object.keys(found[1].workers)[0];
      entries.push({ kind: "action", key: `${name}#${exportedName}`, file: name, exportedName, id: found[0], page: worker });
    }
  }
  return entries.sort((a, b) => a.key.localeCompare(b.key));
}

export function scanRooms(): RoomEntry[] {
  const source = fs.readFileSync(path.join(PROJECT_ROOT, "lib/domain/collab-names.ts"), "utf8");
  return [...source.matchAll(/export\s+function\s+(\w+Name)\s*\(/g)].filter((match) => !match[1].startsWith("parse")).map((match) => ({ kind: "room" as const, builder: match[1] }));
}

export function scanEntries(): Entry[] {
  return [...scanPages(), ...scanRoutes(), ...scanActions(), ...scanRooms()];
}
