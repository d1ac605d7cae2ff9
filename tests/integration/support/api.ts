// Calls the app's route handlers by method and URL, in process, with real Request objects and the
// real database: everything the server runs except the socket. Also mints credentials.
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { getDb } from "@/lib/db/client";
import { issueTokens } from "@/lib/auth/tokens";
import { apiRoutes } from "../../support/routes";

const routes = apiRoutes();
export const BASE_URL = "http://localhost:3000";

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  headers?: Record<string, string>;
  /** A JS value is sent as JSON; a string is sent as is. */
  body?: unknown;
  as?: Credentials;
  tenant?: string;
}

export interface Credentials {
  headers: Record<string, string>;
}

export async function call<T = any>(method: string, url: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const { pathname } = new URL(url, BASE_URL);
  const route = routes.find((candidate) => candidate.pattern.test(pathname));
  if (!route) throw new Error(`no route for ${pathname}`);
  const match = route.pattern.exec(pathname)!;
  const params = Object.fromEntries(
    route.paramNames.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]),
  );
  const headers: Record<string, string> = { ...options.as?.headers, ...options.headers };
  if (options.tenant) headers["x-tenant-id"] = options.tenant;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const request = new NextRequest(new URL(url, BASE_URL), { method, headers, body });
  const routeModule = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
  const handler = routeModule[method] as ((req: NextRequest, ctx: unknown) => Promise<Response>) | undefined;
  // Next answers 405 itself for a method a route does not export.
  const response = handler ? await handler(request, { params: Promise.resolve(params) }) : new Response(null, { status: 405 });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

export async function userId(email: string): Promise<string> {
  return (await getDb().user.findUniqueOrThrow({ where: { email } })).id;
}

export async function workspaceId(slug: string): Promise<string> {
  return (await getDb().workspace.findUniqueOrThrow({ where: { slug } })).id;
}

/** A bearer access token for a demo user (issued by the same service as POST /api/auth/token). */
export async function bearer(email: string): Promise<Credentials> {
  const { accessToken } = await issueTokens(await userId(email));
  return { headers: { authorization: `Bearer ${accessToken}` } };
}

/** A next-auth session cookie for a demo user, as the browser would hold after sign-in. */
export async function sessionCookie(email: string, origin: string | null = BASE_URL): Promise<Credentials> {
  const token = await encode({ token: { sub: await userId(email), email }, secret: process.env.NEXTAUTH_SECRET! });
  const headers: Record<string, string> = { cookie: `next-auth.session-token=${token}` };
  if (origin) headers.origin = origin;
  return { headers };
}
