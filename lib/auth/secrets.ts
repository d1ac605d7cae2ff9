// Server secrets come from the environment (.env.example documents them; `npm start` generates them
// once into data/ when unset, so a fresh machine needs no setup).
export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET ?? "";
  if (secret.length < 32) throw new Error("NEXTAUTH_SECRET must be set to at least 32 characters (see .env.example)");
  return secret;
}
