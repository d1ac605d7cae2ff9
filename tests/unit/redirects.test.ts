import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { safeCallbackPath } from "@/lib/auth/redirects";

const ORIGIN = "http://localhost:3100";

describe("safeCallbackPath", () => {
  it("follows the app's own paths, relative or absolute, with query and fragment", () => {
    expect(safeCallbackPath("/w/acme/settings/api-keys?status=all#top", ORIGIN)).toBe("/w/acme/settings/api-keys?status=all#top");
    expect(safeCallbackPath(`${ORIGIN}/w/acme`, ORIGIN)).toBe("/w/acme");
    expect(safeCallbackPath(undefined, ORIGIN)).toBe("/");
  });

  it.each([
    ["a backslash after the slash", "/\\evil.test/x"],
    ["a tab after the slash", "/\t/evil.test/x"],
    ["a newline", "/\n/evil.test"],
    ["scheme-relative", "//evil.test/x"],
    ["a path that normalizes to scheme-relative", "/.//evil.test/x"],
    ["another origin", "https://evil.test/x"],
    ["another port", "http://localhost:3101/w"],
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
  ])("refuses %s", (_case, value) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe("/");
  });

  it("never answers anything a browser would read as another host", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const path = safeCallbackPath(value, ORIGIN);
        expect(path.startsWith("/")).toBe(true);
        expect(path.startsWith("//")).toBe(false);
        expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
        expect(/[\\\u0000-\u001f]/.test(path)).toBe(false);
      }),
    );
  });
});
