// The signed-in user in server components and server actions.
import "server-only";
import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { authOptions } from "./next-auth";
import { getDb } from "../db/client";

export async function currentUserId(): Promise<string | null> {
  // Per request, never at build time.
  await connection();
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  // A session may outlive its account; treat that as signed out.
  const exists = await getDb().user.findUnique({ where: { id }, select: { id: true } });
  return exists ? id : null;
}
