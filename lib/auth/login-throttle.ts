// Throttles failed sign-ins so passwords cannot be guessed at speed, without letting a third party
// lock a user out: failures count per (email, address) pair and per address, never per email alone,
// so someone failing from another address cannot stop the user signing in from theirs. Each time a
// pair is blocked again within a day the block doubles (15 min, 30 min, 1 h, ... at most a day), so
// the Retry-After grows with repeated failures. A success clears the pair's counter.
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { consumeAttempt, createLimiter, throttled } from "../scale/limiter";

const WINDOW_SECONDS = 15 * 60;
export const FAILURES_PER_PAIR = 10;
export const FAILURES_PER_ADDRESS = 100;
const MAX_BLOCK_SECONDS = 24 * 60 * 60;

interface Throttles {
  byPair: RateLimiterAbstract;
  byAddress: RateLimiterAbstract;
  /** How often each pair was blocked in the last day: the exponent of its next block. */
  blocks: RateLimiterAbstract;
}
let limiters: Throttles | undefined;
function throttles(): Throttles {
  return (limiters ??= {
    byPair: createLimiter({ keyPrefix: "login_pair", points: FAILURES_PER_PAIR, duration: WINDOW_SECONDS }),
    byAddress: createLimiter({ keyPrefix: "login_ip", points: FAILURES_PER_ADDRESS, duration: WINDOW_SECONDS }),
    blocks: createLimiter({ keyPrefix: "login_pair_blocks", points: 1_000_000, duration: MAX_BLOCK_SECONDS }),
  });
}

const pairKey = (ip: string | null, email: string) => `${email}|${ip ?? "unknown"}`;

/** Throws 429 while the pair or the address is blocked. */
export async function assertLoginAllowed(ip: string | null, email: string): Promise<void> {
  const { byPair, byAddress } = throttles();
  const [pair, address] = await Promise.all([byPair.get(pairKey(ip, email)), byAddress.get(ip ?? "unknown")]);
  if (pair && pair.consumedPoints >= FAILURES_PER_PAIR) throw throttled("failed sign-ins", pair.msBeforeNext);
  if (address && address.consumedPoints >= FAILURES_PER_ADDRESS) throw throttled("failed sign-ins", address.msBeforeNext);
}

export async function recordLoginFailure(ip: string | null, email: string): Promise<void> {
  const { byPair, byAddress, blocks } = throttles();
  const key = pairKey(ip, email);
  const [pair] = await Promise.all([consumeAttempt(byPair, key), consumeAttempt(byAddress, ip ?? "unknown")]);
  if (pair.consumedPoints !== FAILURES_PER_PAIR) return;
  // The failure that reaches the limit starts a block, twice as long as the pair's previous one.
  const previous = (await consumeAttempt(blocks, key)).consumedPoints - 1;
  await byPair.block(key, Math.min(MAX_BLOCK_SECONDS, WINDOW_SECONDS * 2 ** previous));
}

export async function recordLoginSuccess(ip: string | null, email: string): Promise<void> {
  await throttles().byPair.delete(pairKey(ip, email));
}
