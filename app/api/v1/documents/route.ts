import { apiRoute, json } from "@/lib/http/api";
import { listDocuments } from "@/lib/services/read-document";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => json({ documents: await listDocuments() }));
