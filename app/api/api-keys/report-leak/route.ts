import type { NextRequest } from "next/server";
import { clientIp, readJson } from "@/lib/http/request";
import { errorResponse, json } from "@/lib/http/respond";
import { leakReportSchema } from "@/lib/api-keys/schemas";
import { reportLeakedKey } from "@/lib/api-keys/leaks";

/** Anyone who found a key reports it: 202, the same whether or not it is one. */
export async function POST(req: NextRequest) {
  try {
    await reportLeakedKey(clientIp(req), await readJson(req, leakReportSchema));
    return json({ received: true }, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
