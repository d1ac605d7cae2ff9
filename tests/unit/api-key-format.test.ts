import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { API_KEY_LENGTH, generateApiKey, maskKeyPrefix, parseApiKey } from "@/lib/api-keys/format";
import { apiKeyMatchesHash, hashApiKey } from "@/lib/api-keys/hash";

describe("API key format", () => {
  it("generates URL-safe keys with a prefix, a public id, 256 bits of secret and a checksum", () => {
    const { plaintext, keyPrefix } = generateApiKey();
    expect(plaintext).toHaveLength(API_KEY_LENGTH);
    expect(plaintext).toMatch(/^kw_sk_[0-9a-f]{12}_[0-9A-Za-z]{49}$/);
    expect(encodeURIComponent(plaintext)).toBe(plaintext);
    expect(plaintext.startsWith(`${keyPrefix}_`)).toBe(true);
    expect(parseApiKey(plaintext)).toEqual({ keyPrefix });
    expect(maskKeyPrefix(keyPrefix)).toBe(`${keyPrefix}••••`);
  });

  it("never repeats and spreads characters evenly", () => {
    const keys = Array.from({ length: 2000 }, () => generateApiKey().plaintext);
    expect(new Set(keys).size).toBe(keys.length);
    const counts = new Map<string, number>();
    for (const key of keys) for (const char of key.slice(19, 62)) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (2000 * 43) / 62;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.2);
  });

  it("refuses any single-character change (checksum) and any wrong length or prefix", () => {
    const { plaintext } = generateApiKey();
    for (let i = 0; i < plaintext.length; i++) {
      const replacement = plaintext[i] === "a" ? "b" : "a";
      expect(parseApiKey(plaintext.slice(0, i) + replacement + plaintext.slice(i + 1))).toBeNull();
    }
    expect(parseApiKey(plaintext.slice(1))).toBeNull();
    expect(parseApiKey(plaintext + "a")).toBeNull();
    expect(parseApiKey(plaintext.replace("kw_sk_", "kw_pk_"))).toBeNull();
  });

  it("property: random and mangled inputs never throw and never parse", () => {
    const valid = generateApiKey().plaintext;
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.anything(), fc.string({ minLength: API_KEY_LENGTH, maxLength: API_KEY_LENGTH })),
        (input) => {
          expect(parseApiKey(input)).toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.string({ minLength: 1, maxLength: 3 }), (index, insert) => {
        const mangled = valid.slice(0, index) + insert + valid.slice(index + insert.length);
        fc.pre(mangled !== valid);
        expect(parseApiKey(mangled)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});

describe("API key hashing", () => {
  it("is HMAC-SHA-256 under the pepper and compares in constant time", () => {
    const { plaintext } = generateApiKey();
    const hash = hashApiKey(plaintext);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKeyMatchesHash(plaintext, hash)).toBe(true);
    expect(apiKeyMatchesHash(generateApiKey().plaintext, hash)).toBe(false);
    expect(apiKeyMatchesHash(plaintext, "abc")).toBe(false);
  });

  it("depends on the pepper, and refuses to run without a strong one", () => {
    const { plaintext } = generateApiKey();
    const before = hashApiKey(plaintext);
    const original = process.env.KEYWARD_API_KEY_PEPPER;
    try {
      process.env.KEYWARD_API_KEY_PEPPER = "another-pepper-0123456789abcdef0123456789";
      expect(hashApiKey(plaintext)).not.toBe(before);
      process.env.KEYWARD_API_KEY_PEPPER = "short";
      expect(() => hashApiKey(plaintext)).toThrow(/KEYWARD_API_KEY_PEPPER/);
    } finally {
      process.env.KEYWARD_API_KEY_PEPPER = original;
    }
  });
});
