// Invitations: nobody becomes a member of a workspace without saying yes. A manager invites an email
// with a role; the link (emailed, or shown to the inviter when the server sends no mail) is accepted
// by whoever is signed in with that email, or used to create the account, also when sign-up is not
// open. Inviting answers the same whether or not the email has an account, so it tells no one who does.
import "server-only";
import { ApiError, notFound, validationFailure } from "../errors";
import { getDb, isUniqueViolation, type DbTransaction } from "../db/client";
import { requireCapability, type WorkspaceCaller } from "../auth/caller";
import { recordAudit } from "../audit/service";
import { queueWebhookEvent } from "../webhooks/outbox";
import { memberChanged } from "../api-keys/events";
import { sendMail, mailConfigured } from "../mail/transport";
import { hashPassword } from "../auth/password";
import { assertPasswordNotGuessable } from "../auth/password-policy";
import { hashLinkToken, newLinkToken } from "../auth/sign-up";
import { PASSWORD_CONTAINS_EMAIL, passwordContainsEmailName, type SignUpResult } from "../auth/schemas";
import type { Role } from "../permissions";
import type { InvitationPreview, InvitationSent, InvitationView, InviteMemberInput } from "./schemas";

export const INVITATION_DAYS = 7;

const withInviter = { invitedBy: { select: { id: true, name: true } } } as const;

function toView(row: {
  id: string;
  email: string;
  role: string;
  expiresAt: Date;
  createdAt: Date;
  invitedBy: { id: string; name: string };
}): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    expiresAt: row.expiresAt.toISOString(),
    invitedBy: row.invitedBy,
    createdAt: row.createdAt.toISOString(),
  };
}

const pending = (now: Date) => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

export async function inviteMember(caller: WorkspaceCaller, input: InviteMemberInput, origin: string): Promise<InvitationSent> {
  requireCapability(caller, "members:manage");
  if (input.role === "OWNER") requireCapability(caller, "members:manage_owners");
  const db = getDb();
  const now = new Date();
  const existing = await db.membership.findFirst({ where: { workspaceId: caller.workspaceId, user: { email: input.email } } });
  if (existing) throw new ApiError("conflict", "That person is already a member of this workspace");
  const token = newLinkToken();
  const { invitation, workspaceName, inviterName } = await db.$transaction(async (tx) => {
    // A new invitation replaces an open one for the same email: one link works at a time.
    await tx.invitation.updateMany({
      where: { workspaceId: caller.workspaceId, email: input.email, ...pending(now) },
      data: { revokedAt: now },
    });
    const created = await tx.invitation.create({
      data: {
        workspaceId: caller.workspaceId,
        email: input.email,
        role: input.role,
        tokenHash: hashLinkToken(token),
        invitedById: caller.userId,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
      },
      include: { ...withInviter, workspace: { select: { name: true } } },
    });
    await recordAudit(tx, caller, {
      action: "member.invited",
      targetType: "invitation",
      targetId: created.id,
      metadata: { email: input.email, role: input.role },
    });
    await queueWebhookEvent(tx, caller.workspaceId, "member.invited", { invitation: toView(created) });
    return { invitation: created, workspaceName: created.workspace.name, inviterName: created.invitedBy.name };
  });
  const acceptUrl = `${origin}/invitations/${token}`;
  await sendMail({
    to: input.email,
    subject: `${inviterName} invited you to ${workspaceName} on Keyward`,
    text: `${inviterName} invited you to join the workspace "${workspaceName}" as ${input.role}.\nAccept within ${INVITATION_DAYS} days: ${acceptUrl}`,
  });
  // Without mail the inviter passes the link on; with mail it reaches only the invitee.
  return mailConfigured() ? { invitation: toView(invitation) } : { invitation: toView(invitation), acceptUrl };
}

export async function listInvitations(caller: WorkspaceCaller): Promise<InvitationView[]> {
  requireCapability(caller, "members:read");
  const rows = await getDb().invitation.findMany({
    where: { workspaceId: caller.workspaceId, ...pending(new Date()) },
    include: withInviter,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toView);
}

export async function revokeInvitation(caller: WorkspaceCaller, id: string): Promise<void> {
  requireCapability(caller, "members:manage");
  await getDb().$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id, workspaceId: caller.workspaceId, ...pending(new Date()) } });
    if (!invitation) throw notFound("Invitation");
    if (invitation.role === "OWNER") requireCapability(caller, "members:manage_owners");
    await tx.invitation.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, caller, {
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: id,
      metadata: { email: invitation.email, role: invitation.role },
    });
  });
}

/** An open invitation by its link's token; unknown, used, revoked and expired links are all 404. */
async function openInvitation(token: string) {
  const invitation = await getDb().invitation.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    include: { ...withInviter, workspace: { select: { id: true, name: true, slug: true } } },
  });
  const now = Date.now();
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt.getTime() <= now) {
    throw new ApiError("not_found", "This invitation link is unknown, used, revoked or expired; ask for a new one");
  }
  return invitation;
}

export async function previewInvitation(token: string): Promise<InvitationPreview> {
  const invitation = await openInvitation(token);
  const account = await getDb().user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    email: invitation.email,
    role: invitation.role as Role,
    workspace: { name: invitation.workspace.name },
    invitedBy: { name: invitation.invitedBy.name },
    expiresAt: invitation.expiresAt.toISOString(),
    hasAccount: account !== null,
  };
}

type OpenInvitation = Awaited<ReturnType<typeof openInvitation>>;

/** Makes the user a member, marks the invitation used and audits it, in the caller's transaction. */
async function join(tx: DbTransaction, invitation: OpenInvitation, userId: string, ip: string | null) {
  const spent = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null },
    data: { acceptedAt: new Date() },
  });
  if (spent.count === 0) throw new ApiError("not_found", "This invitation was used meanwhile");
  const already = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId } },
  });
  if (!already) await tx.membership.create({ data: { workspaceId: invitation.workspaceId, userId, role: invitation.role } });
  const actor = { userId, workspaceId: invitation.workspaceId, plan: "starter", role: invitation.role as Role, ip } as const;
  await recordAudit(tx, actor, {
    action: "member.joined",
    targetType: "member",
    targetId: userId,
    metadata: { email: invitation.email, role: invitation.role, invitedBy: invitation.invitedBy.name },
  });
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
  await queueWebhookEvent(tx, invitation.workspaceId, "member.joined", {
    member: { userId, email: invitation.email, name: user.name, role: invitation.role },
    invitationId: invitation.id,
  });
  return { workspace: { id: invitation.workspace.id, slug: invitation.workspace.slug } };
}

/** The signed-in user says yes; the invitation must be for their email. */
export async function acceptInvitation(userId: string, token: string, ip: string | null) {
  const invitation = await openInvitation(token);
  const user = await getDb().user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  if (user.email !== invitation.email) {
    throw new ApiError("forbidden", `This invitation is for ${invitation.email}; sign in with that email to accept it`);
  }
  const joined = await getDb().$transaction((tx) => join(tx, invitation, userId, ip));
  // A member who left and comes back: their keys' cached refusal must not outlive the change.
  await memberChanged(invitation.workspaceId, userId);
  return joined;
}

/** A new account through an invitation link (the link proves the email), joined to the workspace. */
export async function signUpWithInvitation(
  token: string,
  input: { name: string; password: string },
  ip: string | null,
): Promise<SignUpResult> {
  const invitation = await openInvitation(token);
  if (passwordContainsEmailName(input.password, invitation.email)) {
    throw validationFailure("The password is too easy to guess", { fieldErrors: { password: [PASSWORD_CONTAINS_EMAIL] } });
  }
  assertPasswordNotGuessable(input.password);
  const passwordHash = await hashPassword(input.password);
  try {
    return await getDb().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: invitation.email, name: input.name, passwordHash } });
      const { workspace } = await join(tx, invitation, user.id, ip);
      return { user: { id: user.id, email: user.email, name: user.name }, workspace };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ApiError("conflict", "An account with this email exists; sign in to accept the invitation");
    throw error;
  }
}
