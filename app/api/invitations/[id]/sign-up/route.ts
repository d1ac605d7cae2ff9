import type { NextRequest } from "next/server";
import { invitationSignUpSchema } from "@/lib/auth/schemas";
import { assertSignUpAllowed } from "@/lib/auth/sign-up";
import { clientIp, readJson } from "@/lib/http/request";
import { assertSameOrigin } from "@/lib/http/with-workspace";
import { errorResponse, json } from "@/lib/http/respond";
import { signUpWithInvitation } from "@/lib/members/invitations";

/** A new account through an invitation link (also when sign-up is not open), joined to the workspace. */
export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(req);
    await assertSignUpAllowed(clientIp(req));
    const input = await readJson(req, invitationSignUpSchema);
    return json(await signUpWithInvitation((await params).id, input, clientIp(req)), { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
