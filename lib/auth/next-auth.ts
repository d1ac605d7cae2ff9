// Browser sign-in: next-auth with email + password, sessions as encrypted JWT cookies.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { ApiError } from "../errors";
import { credentialsSchema } from "./schemas";
import { authenticate } from "./users";
import { tokenVersionOf } from "./tokens";
import { authSecret } from "./secrets";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { safeCallbackPath } from "./redirects";

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
          const ip = (req.headers?.[CLIENT_ADDRESS_HEADER] as string | undefined) ?? null;
          try {
            const user = await authenticate(parsed.data.email, parsed.data.password, ip);
            return { id: user.id, email: user.email, name: user.name, tokenVersion: await tokenVersionOf(user.id) };
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
      // next-auth follows callbackUrl after sign-in and sign-out: only to the app's own pages.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
      // The session carries the token version it was issued under (lib/auth/tokens.ts): signing out
      // everywhere ends it on its next request.
      jwt({ token, user }) {
        if (user) token.ver = (user as { tokenVersion?: number }).tokenVersion;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) Object.assign(session.user, { id: token.sub, ver: token.ver });
        return session;
      },
    },
  };
}
