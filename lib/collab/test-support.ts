import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { startServer, type RunningServer, type TestClient } from "./test-helpers";

// Kept apart from test-helpers.ts, which the benchmarks import outside Vitest: importing
// "vitest" there throws ("Vitest failed to access its internal state").

/**
 * A seeded SQLite database and a running collaboration server for one test file, with the
 * clients a test opens closed at the end. Call at the top level of the file.
 */
export function useLiveServer(): { readonly database: TestDatabase; readonly server: RunningServer; track(client: TestClient): TestClient } {
  let database: TestDatabase | null = null;
  let server: RunningServer | null = null;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { seed: true });
    server = await startServer(database.db);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
    await database?.drop();
  });
  return {
    get database() {
      if (!database) throw new Error("the test database starts in beforeAll");
      return database;
    },
    get server() {
      if (!server) throw new Error("the collaboration server starts in beforeAll");
      return server;
    },
    track(client) {
      clients.push(client);
      return client;
    },
  };
}
