import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ConfirmSignUp } from "@/components/auth/confirm-sign-up";

export const metadata: Metadata = { title: "Confirm your account" };

/** The emailed link lands here; the account is created when the button is pressed (link scanners only GET). */
export default async function ConfirmSignUpPage({ params }: { params: Promise<{ token: string }> }) {
  return (
    <AuthCard title="Confirm your account">
      <ConfirmSignUp token={(await params).token} />
    </AuthCard>
  );
}
