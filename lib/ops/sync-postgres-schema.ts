import fs from "node:fs";
import { postgresSchemaFrom } from "./postgres-schema";

fs.writeFileSync("prisma/postgres/schema.prisma", postgresSchemaFrom(fs.readFileSync("prisma/schema.prisma", "utf8")));
console.log("prisma/postgres/schema.prisma updated");
