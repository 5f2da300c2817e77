import { disconnectDb, getDb } from "../db/client";

/**
 * A second process that writes to the same database while a test writes from the first:
 * `tsx lib/testing/write-loop.ts <count>` appends that many audit events, each in its own
 * short transaction, and prints how many succeeded.
 */
const count = Number(process.argv[2] ?? "50");
let written = 0;
const db = await getDb();
for (let index = 0; index < count; index += 1) {
  await db.$transaction(async (tx) => {
    await tx.auditEvent.create({ data: { action: "test.other_process", targetType: "test", targetId: String(index) } });
  });
  written += 1;
}
await disconnectDb();
console.log(JSON.stringify({ written }));
