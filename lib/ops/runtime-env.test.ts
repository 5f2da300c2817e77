import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../db/client";
import { assertSafeExposure, DEFAULT_HOST, isLoopbackHost, runtimeEnv } from "./runtime-env";

const mode = (file: string) => fs.statSync(file).mode & 0o777;
/** An environment with only these variables (and the NODE_ENV every environment has). */
const vars = (values: Record<string, string> = {}): NodeJS.ProcessEnv => ({ NODE_ENV: "test", ...values });

let root: string;
let savedRoot: string | undefined;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "handbook-env-"));
  savedRoot = process.env.HANDBOOK_ROOT;
  process.env.HANDBOOK_ROOT = root;
});
afterEach(() => {
  if (savedRoot === undefined) delete process.env.HANDBOOK_ROOT;
  else process.env.HANDBOOK_ROOT = savedRoot;
  fs.rmSync(root, { recursive: true, force: true });
});

describe("where the product listens (issue item 7)", () => {
  it("binds the web app and the collaboration server to loopback unless HOST is set", () => {
    const env = runtimeEnv(vars());
    expect(env.HOST).toBe(DEFAULT_HOST);
    expect(env.COLLAB_HOST).toBe(DEFAULT_HOST);
    expect(isLoopbackHost(env.HOST!)).toBe(true);
    const exposed = runtimeEnv(vars({ HOST: "0.0.0.0" }));
    expect(exposed.HOST).toBe("0.0.0.0");
    expect(exposed.COLLAB_HOST).toBe("0.0.0.0");
    expect(runtimeEnv(vars({ HOST: "0.0.0.0", COLLAB_HOST: "127.0.0.1" })).COLLAB_HOST).toBe("127.0.0.1");
  });

  it("refuses to serve the demo accounts to the network unless told so explicitly", () => {
    const start = (given: Record<string, string>, dev = false) => () => assertSafeExposure(vars(given), runtimeEnv(vars(given)), { dev });
    // The embedded default turns demo accounts on by itself: not on a network address.
    expect(start({ HOST: "0.0.0.0" })).toThrow(/HANDBOOK_DEMO_ACCOUNTS/);
    expect(start({ HOST: "192.0.2.10" })).toThrow(/HANDBOOK_DEMO_ACCOUNTS/);
    expect(start({ HOST: "0.0.0.0", HANDBOOK_DEMO_ACCOUNTS: "1" })).not.toThrow();
    expect(start({ HOST: "0.0.0.0", HANDBOOK_DEMO_ACCOUNTS: "0" })).not.toThrow();
    expect(start({})).not.toThrow();
    expect(start({ HOST: "::1" })).not.toThrow();
    // PostgreSQL: next start refuses demo passwords; next dev would accept them.
    const postgres = { HOST: "0.0.0.0", DATABASE_URL: "postgresql://db.example/handbook" };
    expect(start(postgres)).not.toThrow();
    expect(start(postgres, true)).toThrow(/HANDBOOK_DEMO_ACCOUNTS/);
  });

  it("refuses a TRUST_PROXY it cannot read rather than trusting every client", () => {
    expect(runtimeEnv(vars()).TRUST_PROXY).toBe("0");
    expect(runtimeEnv(vars({ TRUST_PROXY: "1" })).TRUST_PROXY).toBe("1");
    expect(() => runtimeEnv(vars({ TRUST_PROXY: "true" }))).toThrow(/TRUST_PROXY/);
  });
});

describe("file permissions of data/ (issue item 11)", () => {
  it("creates data/ and secrets.json for the owner only", () => {
    runtimeEnv(vars());
    expect(mode(path.join(root, "data"))).toBe(0o700);
    expect(mode(path.join(root, "data/secrets.json"))).toBe(0o600);
  });

  it("narrows an existing install's world-readable data/ and secrets.json at start", () => {
    fs.mkdirSync(path.join(root, "data"), { mode: 0o755 });
    fs.chmodSync(path.join(root, "data"), 0o755);
    runtimeEnv(vars());
    fs.chmodSync(path.join(root, "data/secrets.json"), 0o644);
    const before = fs.readFileSync(path.join(root, "data/secrets.json"), "utf8");
    runtimeEnv(vars());
    expect(mode(path.join(root, "data"))).toBe(0o700);
    expect(mode(path.join(root, "data/secrets.json"))).toBe(0o600);
    expect(fs.readFileSync(path.join(root, "data/secrets.json"), "utf8")).toBe(before);
  });

  it("creates the SQLite file, its -wal and -shm owner-only, and narrows old ones", async () => {
    const file = path.join(root, "data/handbook.db");
    const db = await createDb({ engine: "sqlite", file });
    await db.$queryRawUnsafe("CREATE TABLE t (x INTEGER)");
    for (const suffix of ["", "-wal", "-shm"]) expect(mode(`${file}${suffix}`)).toBe(0o600);
    expect(mode(path.join(root, "data"))).toBe(0o700);
    await db.$disconnect();

    for (const suffix of ["", "-wal", "-shm"]) if (fs.existsSync(`${file}${suffix}`)) fs.chmodSync(`${file}${suffix}`, 0o644);
    const again = await createDb({ engine: "sqlite", file });
    for (const suffix of ["", "-wal", "-shm"]) if (fs.existsSync(`${file}${suffix}`)) expect(mode(`${file}${suffix}`)).toBe(0o600);
    await again.$disconnect();
  });

  it("leaves a shared directory that holds a database file alone", async () => {
    const shared = path.join(root, "shared");
    fs.mkdirSync(shared, { mode: 0o755 });
    fs.chmodSync(shared, 0o755);
    const db = await createDb({ engine: "sqlite", file: path.join(shared, "x.db") });
    await db.$disconnect();
    expect(mode(shared)).toBe(0o755);
    expect(mode(path.join(shared, "x.db"))).toBe(0o600);
  });
});
