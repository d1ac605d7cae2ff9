import type { NextRequest } from "next/server";
import { signUpSchema } from "@/lib/auth/schemas";
import { assertSignUpAllowed, requestSignUp } from "@/lib/auth/sign-up";
import { appOrigin } from "@/lib/auth/redirects";
import { clientIp, readJson } from "@/lib/http/request";
import { assertSameOrigin } from "@/lib/http/with-workspace";
import { errorResponse, json } from "@/lib/http/respond";

/** Starts a sign-up: 202, the same whether or not the email has an account; the emailed link finishes it. */
export async function POST(req: NextRequest) {
  try {
    assertSameOrigin(req);
    await assertSignUpAllowed(clientIp(req));
    return json(await requestSignUp(await readJson(req, signUpSchema), appOrigin()), { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
