import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { guardAuthPost } from "@/lib/http/auth-route";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

const handler: (request: NextRequest, context: RouteContext) => Promise<Response> = NextAuth(authOptions);

export { handler as GET };
/** Bodies are capped and throttled sign-ins answered 429 before next-auth runs (lib/http/auth-route.ts). */
export const POST = guardAuthPost(handler);
