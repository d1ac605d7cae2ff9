import type { NextRequest } from "next/server";
import { signUpSchema } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/users";
import { readJson } from "@/lib/http/request";
import { errorResponse, json } from "@/lib/http/respond";

/** Creates a user and a workspace they own (plan `agency`), for the sign-up page and for scripts. */
export async function POST(req: NextRequest) {
  try {
    const result = await signUp(await readJson(req, signUpSchema));
    return json(result, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
