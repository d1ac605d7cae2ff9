// IP allowlists: entries parsed and stored as their network, and the per-request check matching
// exactly the addresses of each range, IPv4 and IPv6, at the edges too.
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { canonicalIpEntry, IpAllowlist } from "@/lib/net/ip-allowlist";
import { allowedIpsSchema } from "@/lib/api-keys/schemas";

const v4 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");

describe("IP allowlists", () => {
  it("stores entries as their network, single addresses as they are, IPv4-mapped IPv6 as IPv4", () => {
    expect(canonicalIpEntry("10.1.2.3/8")).toBe("10.0.0.0/8");
    expect(canonicalIpEntry(" 198.51.100.7 ")).toBe("198.51.100.7");
    expect(canonicalIpEntry("2001:DB8:0:0::1/32")).toBe("2001:db8::/32");
    expect(canonicalIpEntry("::ffff:192.0.2.9")).toBe("192.0.2.9");
    expect(canonicalIpEntry("::ffff:10.0.0.0/104")).toBe("10.0.0.0/8");
    for (const bad of ["", "10.0.0", "10.0.0.0/33", "2001:db8::/129", "example.com", "10.0.0.0/8/8", "1.2.3.4 5"]) {
      expect(canonicalIpEntry(bad)).toBeNull();
    }
  });

  it("names every malformed entry by its index, and drops duplicates", () => {
    const parsed = allowedIpsSchema.safeParse(["10.0.0.0/8", "nope", "10.0.0.1/8", "::1", "300.1.1.1"]);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.path)).toEqual([[1], [4]]);
    expect(allowedIpsSchema.parse(["10.0.0.0/8", "10.9.9.9/8"])).toEqual(["10.0.0.0/8"]);
    expect(allowedIpsSchema.safeParse(Array.from({ length: 101 }, (_, i) => `10.0.0.${i % 250}`)).success).toBe(false);
  });

  it("matches the first and last address of a range and neither neighbour outside it", () => {
    const list = new IpAllowlist(["203.0.113.0/24", "2001:db8::/126"]);
    expect([list.allows("203.0.113.0"), list.allows("203.0.113.255"), list.allows("::ffff:203.0.113.9")]).toEqual([
      true,
      true,
      true,
    ]);
    expect([list.allows("203.0.112.255"), list.allows("203.0.114.0")]).toEqual([false, false]);
    expect([list.allows("2001:db8::"), list.allows("2001:db8::3"), list.allows("2001:db8::4")]).toEqual([true, true, false]);
    expect([list.allows("unknown"), list.allows("")]).toEqual([false, false]);
    expect(new IpAllowlist(["0.0.0.0/0"]).allows("198.51.100.1")).toBe(true);
    expect(new IpAllowlist(["0.0.0.0/0"]).allows("2001:db8::1")).toBe(false);
  });

  it("agrees with ipaddr.js on random IPv4 ranges and addresses", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 0xffffffff }),
        fc.integer({ min: 0, max: 32 }),
        fc.nat({ max: 0xffffffff }),
        (base, bits, probe) => {
          const entry = canonicalIpEntry(`${v4(base)}/${bits}`)!;
          const expected = ipaddr.parse(v4(probe)).match(ipaddr.parseCIDR(entry));
          expect(new IpAllowlist([entry]).allows(v4(probe))).toBe(expected);
          // The range's own network address is always inside.
          expect(new IpAllowlist([entry]).allows(entry.split("/")[0]!)).toBe(true);
        },
      ),
    );
  });

  it("agrees with ipaddr.js on random IPv6 ranges", () => {
    const word = fc.nat({ max: 0xffff });
    const address = fc.array(word, { minLength: 8, maxLength: 8 }).map((words) => words.map((w) => w.toString(16)).join(":"));
    fc.assert(
      fc.property(address, fc.integer({ min: 0, max: 128 }), address, (base, bits, probe) => {
        const entry = canonicalIpEntry(`${base}/${bits}`);
        fc.pre(entry !== null && !entry.includes("."));
        const parsedProbe = ipaddr.process(probe);
        fc.pre(parsedProbe.kind() === "ipv6");
        expect(new IpAllowlist([entry!]).allows(probe)).toBe(parsedProbe.match(ipaddr.parseCIDR(entry!)));
      }),
    );
  });
});
