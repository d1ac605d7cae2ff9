// Reading input from requests: JSON bodies with a size cap, query strings, the client address.
import type { z } from "zod";
import type { NextRequest } from "next/server";
import { ApiError, validationError, validationFailure } from "../errors";
import { clientAddressFrom } from "./client-address";

export const MAX_BODY_BYTES = 1024 * 1024;
/** Objects and arrays nested deeper than this answer 400: storing or validating them would recurse that deep. */
export const MAX_JSON_DEPTH = 32;

/** Whether a parsed JSON value nests deeper than `max`, checked without recursion. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth > max) return true;
    for (const child of Object.values(current)) if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
  }
  return false;
}

/** The raw body as text, with the same size cap (for bodies whose signature covers the exact bytes). */
export async function readCapped(req: Request): Promise<string> {
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
    if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
      throw validationFailure(`The body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels`);
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

/** The client address of a request (lib/http/client-address.ts), or null outside Keyward's server. */
export function clientIp(req: Request): string | null {
  return clientAddressFrom(req.headers);
}
