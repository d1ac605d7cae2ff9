// IP allowlists: the CIDR ranges (or single addresses, IPv4 and IPv6) a key, or every key of a
// workspace, may be used from. Entries are parsed once, when a key is loaded into the verified-key
// cache, into numbers the per-request check compares: no parsing of ranges on the request path.
// An entry is stored as its network and prefix length ("10.1.2.3/8" is "10.0.0.0/8"; a single
// address keeps no suffix), so what the list shows is what it matches.
import ipaddr from "ipaddr.js";

export const MAX_ALLOWED_IPS = 100;

/** The canonical form of one entry, or null when it is not an address or a CIDR range. */
export function canonicalIpEntry(entry: string): string | null {
  const text = entry.trim();
  const address = text.split("/")[0]!;
  // ipaddr.js also reads "10.1" and "0x0a000001" as IPv4; an allowlist takes only dotted quads.
  if (!address.includes(":") && !ipaddr.IPv4.isValidFourPartDecimal(address)) return null;
  try {
    if (!text.includes("/")) return ipaddr.process(text).toString();
    const [address, bits] = ipaddr.parseCIDR(text);
    if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
      // ::ffff:10.0.0.0/104 is 10.0.0.0/8, as the client address reads IPv4-mapped addresses as IPv4.
      if (bits < 96) return null;
      return `${ipaddr.IPv4.networkAddressFromCIDR(`${(address as ipaddr.IPv6).toIPv4Address()}/${bits - 96}`)}/${bits - 96}`;
    }
    const network =
      address.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
    return `${network.toString()}/${bits}`;
  } catch {
    return null;
  }
}

/** Stored form: canonical entries, comma-separated; "" for no list. */
export const encodeIpList = (entries: readonly string[]): string => entries.join(",");
export const decodeIpList = (stored: string): string[] => (stored ? stored.split(",") : []);

interface Range {
  /** 4 bytes for IPv4, 16 for IPv6, as one bigint-free array of 32-bit words. */
  words: Uint32Array;
  masks: Uint32Array;
}

/** A parsed allowlist; `allows` takes the client address as the one client-address function gives it. */
export class IpAllowlist {
  readonly #v4: Range[] = [];
  readonly #v6: Range[] = [];
  readonly entries: readonly string[];

  constructor(entries: readonly string[]) {
    this.entries = entries;
    for (const entry of entries) {
      const [address, bits] = entry.includes("/") ? ipaddr.parseCIDR(entry) : ([ipaddr.parse(entry), -1] as const);
      const bytes = address.toByteArray();
      const length = bits === -1 ? bytes.length * 8 : bits;
      const masks = maskWords(bytes.length / 4, length);
      const words = toWords(bytes).map((word, i) => (word & masks[i]!) >>> 0);
      (bytes.length === 4 ? this.#v4 : this.#v6).push({ words, masks });
    }
  }

  allows(address: string): boolean {
    if (!ipaddr.isValid(address)) return false;
    const bytes = ipaddr.process(address).toByteArray();
    const words = toWords(bytes);
    for (const range of bytes.length === 4 ? this.#v4 : this.#v6) {
      let inside = true;
      for (let i = 0; i < words.length && inside; i++) inside = (words[i]! & range.masks[i]!) >>> 0 === range.words[i];
      if (inside) return true;
    }
    return false;
  }
}

function toWords(bytes: number[]): Uint32Array {
  const words = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < words.length; i++) {
    words[i] = ((bytes[i * 4]! << 24) | (bytes[i * 4 + 1]! << 16) | (bytes[i * 4 + 2]! << 8) | bytes[i * 4 + 3]!) >>> 0;
  }
  return words;
}

function maskWords(count: number, prefixLength: number): Uint32Array {
  const masks = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const bits = Math.max(0, Math.min(32, prefixLength - i * 32));
    masks[i] = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  }
  return masks;
}

/** An allowlist from its stored form, or null when the list is empty (anywhere). */
export function ipAllowlistFrom(stored: string): IpAllowlist | null {
  const entries = decodeIpList(stored);
  return entries.length > 0 ? new IpAllowlist(entries) : null;
}
