import { refuseActionBody } from "@/lib/http/action-body";

export const dynamic = "force-dynamic";

/**
 * Server action posts with a body over the limit or of unknown length come here (next.config.js
 * rewrites) and are refused with 413 or 411 (lib/http/action-body.ts); nothing else posts here.
 */
export const POST = refuseActionBody;
