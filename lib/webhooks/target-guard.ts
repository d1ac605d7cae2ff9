// Where webhooks may go: https URLs whose every resolved address is public, so an endpoint cannot
// make Keyward reach its own network (the cloud metadata service, the database, localhost). Checked
// when an endpoint is saved, for a clear error, and again at every send through the connection's
// own lookup, so a name that resolves to a public address at save time and to a private one later
// (DNS rebinding) is refused at the socket. Redirects are never followed (the sender does not).
// KEYWARD_WEBHOOK_ALLOW_PRIVATE=1 lifts both rules, for development and tests on one machine.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

const holder = globalThis as unknown as { [key: symbol]: Resolver | undefined };
const RESOLVER = Symbol.for("keyward.webhookResolver");
const resolver = (): Resolver => holder[RESOLVER] ?? systemResolver;

/** Tests replace the resolver to prove the refusals offline; pass null to restore the system's. */
export function setWebhookResolver(next: Resolver | null): void {
  holder[RESOLVER] = next ?? undefined;
}

export const privateTargetsAllowed = () => process.env.KEYWARD_WEBHOOK_ALLOW_PRIVATE === "1";

/** Whether an address is on the public internet ("unicast" in ipaddr.js's ranges, mapped IPv4 unwrapped). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

export class TargetRefused extends Error {}

const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/** Why a URL may not receive webhooks, checked without the network (scheme, credentials, literal addresses). */
function staticRefusal(url: URL): string | null {
  const allowPrivate = privateTargetsAllowed();
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) return "The URL must use https";
  if (url.username || url.password) return "The URL must not carry a user name or password";
  const host = bareHost(url);
  if (!allowPrivate && isIP(host) && !isPublicAddress(host)) return `${host} is not a public address`;
  if (!allowPrivate && (host === "localhost" || host.endsWith(".localhost"))) return `${host} is not a public address`;
  return null;
}

/** Every address the URL's host resolves to must be public: the reason it may not, or null. */
export async function targetRefusal(rawUrl: string): Promise<string | null> {
  const url = new URL(rawUrl);
  const refusal = staticRefusal(url);
  if (refusal || privateTargetsAllowed() || isIP(bareHost(url))) return refusal;
  let addresses: LookupAddress[];
  try {
    addresses = await resolver()(bareHost(url));
  } catch {
    return `${url.hostname} does not resolve`;
  }
  const blocked = addresses.find((entry) => !isPublicAddress(entry.address));
  if (addresses.length === 0) return `${url.hostname} does not resolve`;
  return blocked ? `${url.hostname} resolves to ${blocked.address}, which is not a public address` : null;
}

/**
 * The lookup the sender's connection uses: the resolver's answer, refused unless every address is
 * public, so the socket connects only to an address that was checked.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  const all = typeof options === "object" && options !== null && (options as { all?: boolean }).all === true;
  resolver()(hostname).then(
    (addresses) => {
      const blocked = addresses.find((entry) => !isPublicAddress(entry.address));
      if (addresses.length === 0) return callback(new TargetRefused(`${hostname} does not resolve`), "", 4);
      if (blocked && !privateTargetsAllowed()) {
        return callback(new TargetRefused(`${hostname} resolves to ${blocked.address}, which is not a public address`), "", 4);
      }
      if (all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    },
    (error: Error) => callback(error as NodeJS.ErrnoException, "", 4),
  );
};

/** The send-time check of what the lookup never sees: the scheme and a literal address. */
export function sendTimeRefusal(rawUrl: string): string | null {
  return staticRefusal(new URL(rawUrl));
}
