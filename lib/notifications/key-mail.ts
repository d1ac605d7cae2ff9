// Emails about a key to the people answerable for it: its creator for a user key, the workspace's
// owners for a workspace key. Sent only when SMTP is configured (an install without mail has the
// webhooks and the UI), after the change has committed; a failure is logged once per incident and
// never undoes the change. What each mail says is in MESSAGES.
import "server-only";
import { getDb } from "../db/client";
import { mailConfigured, sendMail } from "../mail/transport";
import { reportIncident } from "../dependency-failure";
import { appOrigin } from "../auth/redirects";

export type KeyMailKind = "expiring_soon" | "leaked" | "auto_disabled";

export interface KeyMailSubject {
  keyId: string;
  name: string;
  keyPrefix: string;
  owner: string;
  workspaceId: string;
  createdById: string | null;
}

const MESSAGES: Record<KeyMailKind, (key: KeyMailSubject, facts: Record<string, string>) => { subject: string; text: string }> = {
  expiring_soon: (key, facts) => ({
    subject: `Your Keyward API key "${key.name}" expires ${facts.when}`,
    text: `The API key "${key.name}" (${key.keyPrefix}) expires on ${facts.expiresAt}.\nRotate it before then so nothing that uses it stops working: ${facts.link}`,
  }),
  leaked: (key, facts) => ({
    subject: `Your Keyward API key "${key.name}" was found in public and ${facts.action}`,
    text: `The API key "${key.name}" (${key.keyPrefix}) was reported found at ${facts.url}.\nKeyward ${facts.action} it. Create a new key, update what used the old one, and remove the key from where it was published: ${facts.link}`,
  }),
  auto_disabled: (key, facts) => ({
    subject: `Your Keyward API key "${key.name}" was disabled after ${facts.days} idle days`,
    text: `The API key "${key.name}" (${key.keyPrefix}) made no request for ${facts.days} days, so the workspace's key policy disabled it.\nAn owner or admin can enable it again: ${facts.link}`,
  }),
};

async function recipients(key: KeyMailSubject): Promise<string[]> {
  const db = getDb();
  if (key.owner === "workspace") {
    const owners = await db.membership.findMany({
      where: { workspaceId: key.workspaceId, role: "OWNER" },
      select: { user: { select: { email: true } } },
    });
    return owners.map((owner) => owner.user.email);
  }
  if (!key.createdById) return [];
  const creator = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: key.workspaceId, userId: key.createdById } },
    select: { user: { select: { email: true } } },
  });
  return creator ? [creator.user.email] : [];
}

/** Mails the key's people; resolves once sent (or logged as failed), never rejects. */
export async function mailAboutKey(kind: KeyMailKind, key: KeyMailSubject, facts: Record<string, string>): Promise<void> {
  if (!mailConfigured()) return;
  try {
    const workspace = await getDb().workspace.findUniqueOrThrow({ where: { id: key.workspaceId }, select: { slug: true } });
    const link = `${appOrigin()}/w/${workspace.slug}/settings/api-keys/${key.keyId}`;
    const { subject, text } = MESSAGES[kind](key, { ...facts, link });
    for (const to of await recipients(key)) await sendMail({ to, subject, text });
  } catch (error) {
    reportIncident("could not send a key notification email", error);
  }
}
