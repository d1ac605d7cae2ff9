// Reading input from requests: JSON bodies with a size cap, query strings, the client address.
import type { z } from "zod";
import type { NextRequest } from "next/server";
import { ApiError, validationError } from "../errors";

export const MAX_BODY_BYTES = 1024 * 1024;

async function readCapped(req: Request): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const tooLarge = () => new ApiError("payload_too_large", `The body must be at most ${MAX_BODY_BYTES} bytes`);

/** Parses a JSON body against a schema. An empty body is read as `{}` so all-optional bodies may be omitted. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const text = await readCapped(req);
  let value: unknown = {};
  if (text.trim() !== "") {
    const type = req.headers.get("content-type") ?? "";
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
      throw new ApiError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
    }
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError("invalid_json", "The body is not valid JSON");
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  // A NextRequest has parsed its URL already.
  const params = (req as Partial<NextRequest>).nextUrl?.searchParams ?? new URL(req.url).searchParams;
  const parsed = schema.safeParse(Object.fromEntries(params));
  if (!parsed.success) throw validationError(parsed.error, "The query string is invalid");
  return parsed.data;
}

/**
 * The client address. Next's server puts the socket's address in X-Forwarded-For; behind a proxy you
 * trust (KEYWARD_TRUST_PROXY=1) the proxy's own entry, the first one, is used instead.
 */
export function clientIp(req: Request): string | null {
  const forwarded = req.headers.get("x-forwarded-for");
  return clientIpFromHeaders(forwarded, forwarded ? null : req.headers.get("x-real-ip"));
}

/** The same rule for callers that hold raw header values (next-auth's authorize, server components). */
export function clientIpFromHeaders(forwarded: string | null | undefined, realIp: string | null | undefined): string | null {
  if (!forwarded) return realIp ?? null;
  // The usual case, one address (Next's own entry), without splitting: this runs on every API request.
  if (!forwarded.includes(",")) return forwarded.trim() || null;
  const hops = forwarded
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return (process.env.KEYWARD_TRUST_PROXY === "1" ? hops[0] : hops.at(-1)) ?? null;
}
