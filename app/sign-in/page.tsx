import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUserId } from "@/lib/auth/session";
import { appOrigin, safeCallbackPath } from "@/lib/auth/redirects";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  // Only the app's own pages are followed after sign-in (no open redirect).
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl, appOrigin());
  if (await currentUserId()) redirect(callbackUrl);
  return (
    <AuthCard title="Sign in to your workspace">
      <SignInForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
