import type { NextRequest } from "next/server";
import { confirmSignUpSchema } from "@/lib/auth/schemas";
import { assertSignUpAllowed, confirmSignUp } from "@/lib/auth/sign-up";
import { clientIp, readJson } from "@/lib/http/request";
import { assertSameOrigin } from "@/lib/http/with-workspace";
import { errorResponse, json } from "@/lib/http/respond";

/** Follows the emailed confirmation link: creates the account and its workspace. */
export async function POST(req: NextRequest) {
  try {
    assertSameOrigin(req);
    await assertSignUpAllowed(clientIp(req));
    return json(await confirmSignUp((await readJson(req, confirmSignUpSchema)).token), { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
