import { afterEach, describe, expect, it } from "vitest";
import { clientIpFromHeaders } from "@/lib/http/request";

describe("client address", () => {
  afterEach(() => {
    delete process.env.KEYWARD_TRUST_PROXY;
  });

  it("takes the one forwarded address Next's server sets, trimmed", () => {
    expect(clientIpFromHeaders("::ffff:127.0.0.1", null)).toBe("::ffff:127.0.0.1");
    expect(clientIpFromHeaders("  10.0.0.7 ", "10.9.9.9")).toBe("10.0.0.7");
    expect(clientIpFromHeaders("   ", null)).toBeNull();
  });

  it("takes the last hop (the one our own server saw) unless the proxy in front is trusted", () => {
    expect(clientIpFromHeaders("6.6.6.6, 10.0.0.7", null)).toBe("10.0.0.7");
    expect(clientIpFromHeaders("6.6.6.6,10.0.0.7, ", null)).toBe("10.0.0.7");
    process.env.KEYWARD_TRUST_PROXY = "1";
    expect(clientIpFromHeaders("203.0.113.5, 10.0.0.7", null)).toBe("203.0.113.5");
  });

  it("falls back to X-Real-IP, else nothing", () => {
    expect(clientIpFromHeaders(null, "10.1.1.1")).toBe("10.1.1.1");
    expect(clientIpFromHeaders("", "10.1.1.1")).toBe("10.1.1.1");
    expect(clientIpFromHeaders(undefined, undefined)).toBeNull();
  });
});
