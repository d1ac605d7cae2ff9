// Request limits of integrations: per key (the plan's requests per second, fixed one-second windows)
// and per client address for invalid keys, so keys cannot be guessed. Shared through Redis by every
// instance when REDIS_URL is set (lib/scale/limiter.ts). Without Redis every answer is synchronous.
import { andThen, type MaybePromise } from "../maybe-async";
import { createRequestLimiter, type RequestLimiter, type WindowState } from "../scale/limiter";
import { PLANS, type PlanId } from "../plans";

export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/** KEYWARD_RATE_LIMIT_OVERRIDE replaces every plan's per-key limit (the benchmark raises it). */
function perKeyLimit(plan: PlanId): number {
  const override = Number(process.env.KEYWARD_RATE_LIMIT_OVERRIDE);
  return Number.isInteger(override) && override > 0 ? override : PLANS[plan].requestsPerSecond;
}

export const KEY_WINDOW_SECONDS = 1;
const INVALID_KEY_WINDOW_SECONDS = 60;
function invalidKeyLimit(): number {
  const configured = Number(process.env.KEYWARD_INVALID_KEY_LIMIT);
  return Number.isInteger(configured) && configured > 0 ? configured : 30;
}

interface Limiters {
  byLimit: Map<number, RequestLimiter>;
  invalid: RequestLimiter;
}

const holder = globalThis as unknown as { [key: symbol]: Limiters | undefined };
function limiters(): Limiters {
  return (holder[Symbol.for("keyward.rateLimiters")] ??= {
    byLimit: new Map(),
    invalid: createRequestLimiter({ keyPrefix: "invalid_key", points: invalidKeyLimit(), duration: INVALID_KEY_WINDOW_SECONDS }),
  });
}

function toState(window: WindowState, limit: number): RateLimitState {
  return {
    allowed: window.allowed,
    limit,
    remaining: window.remaining,
    resetSeconds: Math.max(1, Math.ceil(window.msBeforeReset / 1000)),
  };
}

export function rateLimitForPlan(plan: PlanId): { limit: number; windowSeconds: number } {
  return { limit: perKeyLimit(plan), windowSeconds: KEY_WINDOW_SECONDS };
}

export function consumeKeyRequest(keyId: string, plan: PlanId, now = Date.now()): MaybePromise<RateLimitState> {
  const limit = perKeyLimit(plan);
  const { byLimit } = limiters();
  let limiter = byLimit.get(limit);
  if (!limiter) {
    limiter = createRequestLimiter({ keyPrefix: `key_${limit}`, points: limit, duration: KEY_WINDOW_SECONDS });
    byLimit.set(limit, limiter);
  }
  return andThen(limiter.consume(keyId, now), (window) => toState(window, limit));
}

/** The refusal when this address has used up its invalid-key attempts, else null. */
export function invalidKeyAttemptsExhausted(ip: string, now = Date.now()): MaybePromise<RateLimitState | null> {
  const limit = invalidKeyLimit();
  return andThen(limiters().invalid.peek(ip, now), (window) =>
    window && window.consumed >= limit ? toState({ ...window, allowed: false }, limit) : null,
  );
}

export function recordInvalidKeyAttempt(ip: string, now = Date.now()): MaybePromise<void> {
  return andThen(limiters().invalid.consume(ip, now), () => undefined);
}
