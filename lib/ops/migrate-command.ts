import { disconnectDb } from "../db/client";
import { prepareDatabase } from "./prepare-database";
import { runtimeEnv } from "./runtime-env";

/** `npm run migrate`: apply migrations and seed an empty database, then exit. */
Object.assign(process.env, runtimeEnv());
prepareDatabase()
  .then(() => disconnectDb())
  .catch((error: unknown) => {
    console.error("[migrate] failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  });
