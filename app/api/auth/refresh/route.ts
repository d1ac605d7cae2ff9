import type { NextRequest } from "next/server";
import { refreshSchema } from "@/lib/auth/schemas";
import { refreshTokens } from "@/lib/auth/tokens";
import { readJson } from "@/lib/http/request";
import { errorResponse, json } from "@/lib/http/respond";

/** Spends a refresh token for a new pair. Reusing a spent one revokes its whole family. */
export async function POST(req: NextRequest) {
  try {
    const { refreshToken } = await readJson(req, refreshSchema);
    return json(await refreshTokens(refreshToken));
  } catch (error) {
    return errorResponse(error);
  }
}
