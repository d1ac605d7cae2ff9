// Calls the app's route handlers by method and URL, in process, with real Request objects and the
// real database: everything the server runs except the socket. Also mints credentials.
// Every answer is held to the OpenAPI document the app serves (the contract test): its status must
// be documented for that path and method, and a 2xx JSON body must validate against its schema.
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { getDb } from "@/lib/db/client";
import { issueTokens } from "@/lib/auth/tokens";
import { apiRoutes } from "../../support/routes";

const routes = apiRoutes();
export const BASE_URL = "http://localhost:3000";

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}
let contract: Promise<{ paths: Record<string, Record<string, Operation>>; ajv: Ajv2020 }> | undefined;
const validators = new Map<string, ValidateFunction>();

/** The document as GET /api/openapi.json serves it, loaded once per test file into a validator. */
function servedContract() {
  contract ??= (async () => {
    const routeModule = (await import("@/app/api/openapi.json/route")) as { GET: () => Response };
    const document = (await routeModule.GET().json()) as { paths: Record<string, Record<string, Operation>> };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(document, "openapi.json");
    return { paths: document.paths, ajv };
  })();
  return contract;
}

const pointer = (...segments: string[]) =>
  segments.map((segment) => segment.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

/** Fails the calling test when an answer is not what the document says this route answers. */
async function assertDocumented(method: string, template: string, status: number, body: unknown, contentType: string | null) {
  if (method === "HEAD" || method === "OPTIONS" || status === 405) return;
  const { paths, ajv } = await servedContract();
  const operation = paths[template]?.[method.toLowerCase()];
  if (!operation) throw new Error(`contract: ${method} ${template} is not in the OpenAPI document`);
  const response = operation.responses[String(status)];
  if (!response) throw new Error(`contract: ${method} ${template} answered ${status}, which the document does not list`);
  if (status < 200 || status >= 300 || status === 204) return;
  if (contentType?.startsWith("text/csv")) {
    if (!response.content?.["text/csv"])
      throw new Error(`contract: ${method} ${template} ${status} is CSV, which is not documented`);
    return;
  }
  if (!contentType?.startsWith("application/json")) throw new Error(`contract: ${method} ${template} ${status} is not JSON`);
  if (!response.content?.["application/json"]?.schema)
    throw new Error(`contract: ${method} ${template} ${status} has no documented schema`);
  const ref = `openapi.json#/${pointer("paths", template, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema")}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  if (!validate(body)) {
    throw new Error(
      `contract: ${method} ${template} ${status} body does not match the document: ${ajv.errorsText(validate.errors)}`,
    );
  }
}

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
  const params = Object.fromEntries(route.paramNames.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
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
  await assertDocumented(method, route.template, response.status, parsed, response.headers.get("content-type"));
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
  const user = await getDb().user.findUniqueOrThrow({ where: { email } });
  const token = await encode({ token: { sub: user.id, email, ver: user.tokenVersion }, secret: process.env.NEXTAUTH_SECRET! });
  const headers: Record<string, string> = { cookie: `next-auth.session-token=${token}` };
  if (origin) headers.origin = origin;
  return { headers };
}
