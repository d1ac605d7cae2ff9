// The client address a client cannot forge (lib/http/client-address.ts): the socket's peer unless
// trusted proxies are configured, and then only the entry the nearest one appended.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { normalizeAddress, resolveClientAddress, servedOverHttps, trustedProxyHops } from "@/lib/http/client-address";

describe("client address", () => {
  it("without a trusted proxy is the socket's address, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("198.51.100.20", "10.60.0.1", 0)).toBe("198.51.100.20");
    expect(resolveClientAddress("198.51.100.20", ["10.60.0.2", "10.60.0.3"], 0)).toBe("198.51.100.20");
    fc.assert(
      fc.property(fc.string(), (forged) => {
        expect(resolveClientAddress("203.0.113.9", forged, 0)).toBe("203.0.113.9");
      }),
    );
  });

  it("with N trusted proxies is the N-th entry from the right: what the nearest proxy appended", () => {
    // The client wrote "6.6.6.6" itself; proxy 1 appended the client's real address, proxy 2 proxy 1's.
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.5", 1)).toBe("203.0.113.5");
    expect(resolveClientAddress("10.0.0.3", "6.6.6.6, 203.0.113.5, 10.0.0.2", 2)).toBe("203.0.113.5");
    expect(resolveClientAddress("10.0.0.3", "203.0.113.5", 3)).toBe("203.0.113.5");
    expect(resolveClientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    fc.assert(
      fc.property(fc.array(fc.ipV4(), { maxLength: 5 }), fc.ipV4(), (forged, real) => {
        expect(resolveClientAddress("10.0.0.2", [...forged, real].join(", "), 1)).toBe(real);
      }),
    );
  });

  it("shows IPv4-mapped IPv6 as IPv4, keeps IPv6, and refuses what is not an address", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(resolveClientAddress("::ffff:203.0.113.7", undefined, 0)).toBe("203.0.113.7");
    expect(normalizeAddress("2001:db8::1")).toBe("2001:db8::1");
    expect(normalizeAddress(" 10.0.0.7 ")).toBe("10.0.0.7");
    expect(normalizeAddress("evil.test")).toBeNull();
    expect(resolveClientAddress("10.0.0.2", "<script>", 1)).toBeNull();
  });

  it("reads the number of hops from KEYWARD_TRUSTED_PROXIES, with KEYWARD_TRUST_PROXY=1 as an alias for 1", () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ KEYWARD_TRUSTED_PROXIES: "2" })).toBe(2);
    expect(trustedProxyHops({ KEYWARD_TRUST_PROXY: "1" })).toBe(1);
    expect(trustedProxyHops({ KEYWARD_TRUSTED_PROXIES: "0", KEYWARD_TRUST_PROXY: "1" })).toBe(0);
    expect(trustedProxyHops({ KEYWARD_TRUSTED_PROXIES: "many" })).toBe(0);
  });
});

describe("served over https (for HSTS)", () => {
  it("is the socket's TLS, or a trusted proxy's X-Forwarded-Proto; a client's own claim counts for nothing", () => {
    expect(servedOverHttps(true, undefined, 0)).toBe(true);
    expect(servedOverHttps(false, "https", 0)).toBe(false);
    expect(servedOverHttps(false, "https", 1)).toBe(true);
    expect(servedOverHttps(false, "https, http", 1)).toBe(false);
    expect(servedOverHttps(false, ["http", "HTTPS"], 1)).toBe(true);
    expect(servedOverHttps(false, undefined, 1)).toBe(false);
  });
});
