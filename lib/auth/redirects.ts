// Where to send someone after sign-in. A callback is followed only when it resolves to the app's own
// origin; anything else goes to "/". Browsers read some strings differently from URL parsers
// ("/\evil.test" and "/\t/evil.test" are both //evil.test to Chromium), so backslashes and control
// characters are refused outright rather than parsed.
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/** A path on `origin` (with query and fragment) for `value`, or "/" when `value` would leave it. */
export function safeCallbackPath(value: string | null | undefined, origin: string): string {
  if (!value || UNSAFE.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return "/";
  }
  // A path of "//host" (from "/.//host", say) would itself be read as another host.
  if (url.origin !== new URL(origin).origin || url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The app's own origin: NEXTAUTH_URL, which every deployment sets. */
export function appOrigin(): string {
  return new URL(process.env.NEXTAUTH_URL ?? "http://localhost:3000").origin;
}
