// Creates a rate limiter: in memory for one instance, or in Redis (shared by every instance) with an
// in-memory insurance limiter that takes over while Redis is down. rate-limiter-flexible's fixed
// windows; in Redis one atomic INCR+PEXPIRE per request, so limits are exact across instances.
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { redis } from "./redis";

export function createLimiter(options: { keyPrefix: string; points: number; duration: number }): RateLimiterAbstract {
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
