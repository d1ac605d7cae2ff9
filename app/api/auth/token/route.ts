import type { NextRequest } from "next/server";
import { credentialsSchema } from "@/lib/auth/schemas";
import { authenticate } from "@/lib/auth/users";
import { issueTokens } from "@/lib/auth/tokens";
import { clientIp, readJson } from "@/lib/http/request";
import { errorResponse, json } from "@/lib/http/respond";

/** Exchanges email + password for an access token (15 min) and a refresh token. */
export async function POST(req: NextRequest) {
  try {
    const { email, password } = await readJson(req, credentialsSchema);
    const user = await authenticate(email, password, clientIp(req));
    return json(await issueTokens(user.id));
  } catch (error) {
    return errorResponse(error);
  }
}
