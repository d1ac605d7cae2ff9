// Passwords: bcrypt, because a person types them and they may be weak. (API keys are random and use HMAC.)
import bcrypt from "bcryptjs";

const COST = 10;
// Compared against when the email is unknown, so a miss costs as long as a wrong password.
let dummyHash: string | undefined;

export const hashPassword = (password: string) => bcrypt.hash(password, COST);

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  dummyHash ??= await bcrypt.hash("keyward-timing-equaliser", COST);
  const matches = await bcrypt.compare(password, hash ?? dummyHash);
  return matches && hash != null;
}
