// What a new password must be (NIST SP 800-63B): long enough, within what bcrypt reads, not a known
// common password, not the email's own name, not one character repeated. The length, byte and email
// rules live in the sign-up schema (the form checks them too); the list is large and stays on the server.
import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { validationFailure } from "../errors";

const COMMON_PASSWORDS = new Set((dictionary["passwords-common"] as string[]).map((entry) => entry.toLowerCase()));
const MIN_DISTINCT_CHARACTERS = 4;

/** Throws a `validation_error` on the password field when the password is common or repetitive. */
export function assertPasswordNotGuessable(password: string): void {
  const lower = password.toLowerCase();
  const reason = COMMON_PASSWORDS.has(lower)
    ? "This password is on a list of commonly used passwords; choose another"
    : new Set(lower).size < MIN_DISTINCT_CHARACTERS
      ? "This password repeats too few characters; choose another"
      : null;
  if (reason) throw validationFailure("The password is too easy to guess", { fieldErrors: { password: [reason] } });
}
