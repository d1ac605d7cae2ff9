// Rate limiters: fixed windows that start at a key's first request, per instance in memory, or in
// Redis (shared by every instance) with an in-memory insurance limiter that takes over while Redis
// is down. Redis windows are rate-limiter-flexible's: one atomic INCR+PEXPIRE per request, so limits
// are exact across instances.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { MaybePromise } from "../maybe-async";
import { redis } from "./redis";
import { ApiError } from "../errors";

interface LimiterOptions {
  keyPrefix: string;
  points: number;
  /** Window length in seconds. */
  duration: number;
}

/** Counts one attempt; a refusal comes back as the limiter's state (consumedPoints over the limit), not a throw. */
export function consumeAttempt(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes> {
  return limiter.consume(key).catch((result: unknown) => {
    if (result instanceof RateLimiterRes) return result;
    throw result;
  });
}

/** 429 `rate_limited` naming what was throttled, with Retry-After in whole seconds (at least 1). */
export function throttled(what: string, msBeforeNext: number): ApiError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new ApiError("rate_limited", `Too many ${what}; try again in ${seconds} s`, {
    headers: { "Retry-After": String(seconds) },
  });
}

/** rate-limiter-flexible's limiter, for callers off the API-key path (sign-in throttles). */
export function createLimiter(options: LimiterOptions): RateLimiterAbstract {
  const memory = new RateLimiterMemory(options);
  const connection = redis();
  if (!connection) return memory;
  return new RateLimiterRedis({
    ...options,
    keyPrefix: `keyward:${options.keyPrefix}`,
    storeClient: connection.client,
    insuranceLimiter: memory,
    rejectIfRedisNotReady: true,
  });
}

export interface WindowState {
  /** False once the window's count is over the limit. */
  allowed: boolean;
  consumed: number;
  remaining: number;
  msBeforeReset: number;
}

/**
 * A limiter on the request path. It answers synchronously when it counts in memory and returns a
 * promise only when it must ask Redis: Next tracks async context through every promise, and on a
 * warm API-key check two promises per request cost more than the check itself (see README,
 * Performance). rate-limiter-flexible's memory limiter only answers through promises, hence
 * MemoryWindows below.
 */
export interface RequestLimiter {
  consume(key: string, now?: number): MaybePromise<WindowState>;
  /** The window's state without counting; null when the key has no open window. */
  peek(key: string, now?: number): MaybePromise<WindowState | null>;
}

/** A window's state from what it has counted: the one rule both limiters answer by. */
function windowState(consumed: number, points: number, msBeforeReset: number): WindowState {
  return { allowed: consumed <= points, consumed, remaining: Math.max(0, points - consumed), msBeforeReset };
}

export function createRequestLimiter(options: LimiterOptions): RequestLimiter {
  return redis() ? new RedisWindows(options) : new MemoryWindows(options);
}

export class MemoryWindows implements RequestLimiter {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  readonly #points: number;
  readonly #durationMs: number;
  #sweepAt = 0;

  constructor(options: LimiterOptions) {
    this.#points = options.points;
    this.#durationMs = options.duration * 1000;
  }

  consume(key: string, now = Date.now()): WindowState {
    this.#sweep(now);
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.#durationMs };
      this.#windows.set(key, window);
    }
    window.count++;
    return windowState(window.count, this.#points, window.resetAt - now);
  }

  peek(key: string, now = Date.now()): WindowState | null {
    const window = this.#windows.get(key);
    return window && window.resetAt > now ? windowState(window.count, this.#points, window.resetAt - now) : null;
  }

  /** Drops closed windows once per window length, so memory follows the keys seen recently. */
  #sweep(now: number): void {
    if (now < this.#sweepAt) return;
    this.#sweepAt = now + this.#durationMs;
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}

class RedisWindows implements RequestLimiter {
  readonly #limiter: RateLimiterAbstract;
  readonly #points: number;

  constructor(options: LimiterOptions) {
    this.#limiter = createLimiter(options);
    this.#points = options.points;
  }

  async consume(key: string): Promise<WindowState> {
    try {
      return this.#state(await this.#limiter.consume(key));
    } catch (result) {
      if (result instanceof RateLimiterRes) return this.#state(result);
      throw result;
    }
  }

  async peek(key: string): Promise<WindowState | null> {
    const result = await this.#limiter.get(key);
    return result ? this.#state(result) : null;
  }

  #state(result: RateLimiterRes): WindowState {
    return windowState(result.consumedPoints, this.#points, result.msBeforeNext);
  }
}
