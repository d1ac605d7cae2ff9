import type { Metadata } from "next";
import { connection } from "next/server";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { signUpMode } from "@/lib/auth/sign-up";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage() {
  await connection(); // the sign-up mode is read per request, not at build time
  if (signUpMode() !== "open") {
    return (
      <AuthCard title="Sign-up is by invitation">
        <p className="text-sm text-slate-700">
          This Keyward server creates accounts only through invitations. Ask an owner or admin of your workspace to invite you,
          then follow the link in the email.
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Create your Keyward account">
      <SignUpForm />
    </AuthCard>
  );
}
