import type { NextRequest } from "next/server";
import { readCapped } from "@/lib/http/request";
import { errorResponse, json } from "@/lib/http/respond";
import { handleGithubReport } from "@/lib/api-keys/leaks";

/** GitHub secret scanning's partner endpoint: signed reports of keys found in public. */
export async function POST(req: NextRequest) {
  try {
    const body = await readCapped(req);
    const result = await handleGithubReport(
      body,
      req.headers.get("github-public-key-identifier"),
      req.headers.get("github-public-key-signature"),
    );
    return json(result);
  } catch (error) {
    return errorResponse(error);
  }
}
