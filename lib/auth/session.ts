// The signed-in user in server components and server actions.
import "server-only";
import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { authOptions } from "./next-auth";
import { isCurrentTokenVersion } from "./tokens";

export async function currentUserId(): Promise<string | null> {
  // Per request, never at build time.
  await connection();
  const session = await getServerSession(authOptions());
  const user = session?.user as { id?: string; ver?: number } | undefined;
  if (!user?.id) return null;
  // A session may outlive its account or a "sign out everywhere"; either reads as signed out.
  return (await isCurrentTokenVersion(user.id, user.ver)) ? user.id : null;
}
