// Request limits of integrations: per key (the plan's requests per second, fixed one-second windows)
// and per client address for invalid keys, so keys cannot be guessed. Shared through Redis by every
// instance when REDIS_URL is set (lib/scale/limiter.ts).
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createLimiter } from "../scale/limiter";
import { planOf, type PlanId } from "../plans";

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
  return Number.isInteger(override) && override > 0 ? override : planOf(plan).requestsPerSecond;
}

export const KEY_WINDOW_SECONDS = 1;
const INVALID_KEY_WINDOW_SECONDS = 60;
function invalidKeyLimit(): number {
  const configured = Number(process.env.KEYWARD_INVALID_KEY_LIMIT);
  return Number.isInteger(configured) && configured > 0 ? configured : 30;
}

interface Limiters {
  byLimit: Map<number, RateLimiterAbstract>;
  invalid: RateLimiterAbstract;
}

const holder = globalThis as unknown as { [key: symbol]: Limiters | undefined };
function limiters(): Limiters {
  return (holder[Symbol.for("keyward.rateLimiters")] ??= {
    byLimit: new Map(),
    invalid: createLimiter({ keyPrefix: "invalid_key", points: invalidKeyLimit(), duration: INVALID_KEY_WINDOW_SECONDS }),
  });
}

function toState(result: RateLimiterRes, limit: number, allowed: boolean): RateLimitState {
  return {
    allowed,
    limit,
    remaining: Math.max(0, result.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
  };
}

async function consume(limiter: RateLimiterAbstract, key: string, limit: number): Promise<RateLimitState> {
  try {
    return toState(await limiter.consume(key), limit, true);
  } catch (result) {
    if (result instanceof RateLimiterRes) return toState(result, limit, false);
    throw result;
  }
}

export function rateLimitForPlan(plan: PlanId): { limit: number; windowSeconds: number } {
  return { limit: perKeyLimit(plan), windowSeconds: KEY_WINDOW_SECONDS };
}

export function consumeKeyRequest(keyId: string, plan: PlanId): Promise<RateLimitState> {
  const limit = perKeyLimit(plan);
  const { byLimit } = limiters();
  let limiter = byLimit.get(limit);
  if (!limiter) {
    limiter = createLimiter({ keyPrefix: `key_${limit}`, points: limit, duration: KEY_WINDOW_SECONDS });
    byLimit.set(limit, limiter);
  }
  return consume(limiter, keyId, limit);
}

/** True when this address has used up its invalid-key attempts. */
export async function invalidKeyAttemptsExhausted(ip: string): Promise<RateLimitState | null> {
  const state = await limiters().invalid.get(ip);
  if (!state || state.consumedPoints < invalidKeyLimit()) return null;
  return toState(state, invalidKeyLimit(), false);
}

export async function recordInvalidKeyAttempt(ip: string): Promise<void> {
  await consume(limiters().invalid, ip, invalidKeyLimit());
}
