import { withUser } from "@/lib/http/with-workspace";
import { noContent } from "@/lib/http/respond";
import { signOutEverywhere } from "@/lib/auth/tokens";

/** Ends every access token, refresh token and browser session of the caller, this one included. */
export const POST = withUser(async ({ userId }) => {
  await signOutEverywhere(userId);
  return noContent();
});
