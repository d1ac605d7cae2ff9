// The client's address: the one function every consumer uses (sign-in throttle, invalid-key throttle,
// audit log, and what follows). A client cannot forge it: Keyward's server (server.ts) computes it
// from the socket for every request, puts it in an internal header after deleting any copy the
// client sent, and only with trusted proxies configured reads X-Forwarded-For, and then only the
// entry the nearest trusted proxy appended, counting from the right: everything left of it is
// whatever the client chose to send.
import ipaddr from "ipaddr.js";

/** Set by server.ts on every request; a copy sent by a client never reaches the app. */
export const CLIENT_ADDRESS_HEADER = "x-keyward-client-address";

/** How many proxies stand in front of Keyward (KEYWARD_TRUSTED_PROXIES; KEYWARD_TRUST_PROXY=1 means 1). */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const hops = Number(env.KEYWARD_TRUSTED_PROXIES);
  if (Number.isInteger(hops) && hops >= 0 && env.KEYWARD_TRUSTED_PROXIES?.trim()) return hops;
  return env.KEYWARD_TRUST_PROXY === "1" ? 1 : 0;
}

/** An address as people read it: IPv4-mapped IPv6 (`::ffff:203.0.113.7`) as IPv4; junk as null. */
export function normalizeAddress(address: string | undefined | null): string | null {
  const trimmed = address?.trim();
  if (!trimmed || !ipaddr.isValid(trimmed)) return null;
  return ipaddr.process(trimmed).toString();
}

/**
 * The client of one connection: the socket's peer, unless `hops` proxies are trusted; then the
 * entry the nearest one appended to X-Forwarded-For (the `hops`-th from the right). A header with
 * fewer entries than proxies (a misconfigured chain) gives its leftmost entry.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  hops: number = trustedProxyHops(),
): string | null {
  if (hops === 0 || !forwardedFor) return normalizeAddress(socketAddress);
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return normalizeAddress(socketAddress);
  return normalizeAddress(entries[Math.max(0, entries.length - hops)]);
}

/** The address server.ts recorded for this request, or null outside it (a script, a test without one). */
export function clientAddressFrom(headers: { get(name: string): string | null }): string | null {
  return headers.get(CLIENT_ADDRESS_HEADER);
}

/**
 * Whether a request reached Keyward over https: its own socket was TLS, or (only with trusted
 * proxies) the nearest proxy says so. Such answers carry Strict-Transport-Security (server.ts).
 */
export function servedOverHttps(socketIsTls: boolean, forwardedProto: string | string[] | undefined, hops: number): boolean {
  if (socketIsTls) return true;
  if (hops === 0 || !forwardedProto) return false;
  const nearest = (Array.isArray(forwardedProto) ? forwardedProto.join(",") : forwardedProto).split(",").at(-1);
  return nearest?.trim().toLowerCase() === "https";
}
