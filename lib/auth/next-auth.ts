// Browser sign-in: next-auth with email + password, sessions as encrypted JWT cookies.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { ApiError } from "../errors";
import { credentialsSchema } from "./schemas";
import { authenticate } from "./users";
import { authSecret } from "./secrets";
import { clientIpFromHeaders } from "../http/request";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse({ email: credentials?.email, password: credentials?.password });
          if (!parsed.success) return null;
          const ip = clientIpFromHeaders(
            req.headers?.["x-forwarded-for"] as string | undefined,
            req.headers?.["x-real-ip"] as string | undefined,
          );
          try {
            const user = await authenticate(parsed.data.email, parsed.data.password, ip);
            return { id: user.id, email: user.email, name: user.name };
          } catch (error) {
            // next-auth passes a thrown message to the sign-in page as ?error=...
            if (error instanceof ApiError && error.code === "rate_limited") throw new Error("RateLimited");
            if (error instanceof ApiError) return null;
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
