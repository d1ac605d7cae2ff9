import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInvitation } from "@/components/auth/accept-invitation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { currentUserId } from "@/lib/auth/session";
import { getUserProfile } from "@/lib/auth/users";
import { ApiError } from "@/lib/errors";
import { previewInvitation } from "@/lib/members/invitations";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await previewInvitation(token).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === "not_found") return null;
    throw error;
  });
  if (!invitation) {
    return (
      <AuthCard title="This invitation no longer works">
        <p className="text-sm text-slate-700">
          The link is unknown, used, revoked or expired. Ask whoever invited you for a new one.
        </p>
      </AuthCard>
    );
  }
  const intro = `${invitation.invitedBy.name} invited ${invitation.email} to join ${invitation.workspace.name} as ${invitation.role}.`;
  const userId = await currentUserId();
  const here = `/invitations/${token}`;
  if (userId) {
    const user = await getUserProfile(userId);
    return (
      <AuthCard title={`Join ${invitation.workspace.name}`}>
        <p className="text-sm text-slate-700">{intro}</p>
        {user.email === invitation.email ? (
          <AcceptInvitation token={token} />
        ) : (
          <p className="mt-3 text-sm text-slate-700" role="alert">
            You are signed in as {user.email}. Sign out and sign in as {invitation.email} to accept.
          </p>
        )}
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Join ${invitation.workspace.name}`}>
      <p className="mb-4 text-sm text-slate-700">{intro}</p>
      {invitation.hasAccount ? (
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`} className="font-medium text-indigo-700 hover:underline">
          Sign in as {invitation.email} to accept
        </Link>
      ) : (
        <SignUpForm invitation={{ token, email: invitation.email }} />
      )}
    </AuthCard>
  );
}
