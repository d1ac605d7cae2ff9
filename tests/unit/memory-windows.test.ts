import { describe, expect, it } from "vitest";
import { MemoryWindows } from "@/lib/scale/limiter";

describe("in-memory fixed windows (the per-instance rate limiter)", () => {
  it("allows exactly the limit per window, counts keys apart, and opens a new window when one ends", () => {
    const windows = new MemoryWindows({ keyPrefix: "t", points: 3, duration: 1 });
    const t0 = 1_000_000;
    expect([1, 2, 3, 4].map((i) => windows.consume("a", t0 + i).allowed)).toEqual([true, true, true, false]);
    expect(windows.consume("b", t0 + 5)).toMatchObject({ allowed: true, consumed: 1, remaining: 2 });
    // The window started at a's first request (t0 + 1) and lasts 1 s.
    expect(windows.consume("a", t0 + 1000)).toMatchObject({ allowed: false, consumed: 5, remaining: 0, msBeforeReset: 1 });
    expect(windows.consume("a", t0 + 1001)).toMatchObject({ allowed: true, consumed: 1, remaining: 2, msBeforeReset: 1000 });
  });

  it("peeks without counting, and forgets closed windows", () => {
    const windows = new MemoryWindows({ keyPrefix: "t", points: 2, duration: 60 });
    expect(windows.peek("ip", 0)).toBeNull();
    windows.consume("ip", 0);
    expect(windows.peek("ip", 10)).toMatchObject({ consumed: 1, remaining: 1, msBeforeReset: 59_990 });
    expect(windows.peek("ip", 10)).toMatchObject({ consumed: 1 });
    expect(windows.peek("ip", 60_000)).toBeNull();
  });

  it("answers synchronously", () => {
    const windows = new MemoryWindows({ keyPrefix: "t", points: 1, duration: 1 });
    expect(windows.consume("a")).not.toBeInstanceOf(Promise);
    expect(windows.peek("a")).not.toBeInstanceOf(Promise);
  });
});
