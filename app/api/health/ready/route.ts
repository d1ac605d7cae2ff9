import { json } from "@/lib/http/respond";
import { readiness } from "@/lib/readiness";
import { RETRY_AFTER_SECONDS } from "@/lib/dependency-failure";

export const dynamic = "force-dynamic";

/** Readiness: 200 when the database (and Redis, when configured) answer, else 503 with Retry-After. */
export async function GET() {
  const result = await readiness();
  return result.status === "ready"
    ? json(result)
    : json(result, { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } });
}
