// The optional Redis connection (REDIS_URL). Commands fail fast while Redis is down (no offline
// queue) so requests are never held up; callers fall back to per-instance behaviour. Down and back
// are each logged once per outage.
import Redis from "ioredis";

type Holder = { [key: symbol]: { client: Redis; subscriber: Redis } | null | undefined };
const holder = globalThis as unknown as Holder;
const SLOT = Symbol.for("keyward.redis");

export const redisConfigured = () => Boolean(process.env.REDIS_URL);

function connect(name: string, onReady?: () => void): Redis {
  const client = new Redis(process.env.REDIS_URL!, {
    connectionName: `keyward-${name}`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // A Redis that stalls without closing the connection must not hold requests up either.
    commandTimeout: 1_000,
    connectTimeout: 5_000,
    keepAlive: 10_000,
    retryStrategy: () => 1000,
    lazyConnect: false,
  });
  let down = false;
  client.on("error", (error: Error) => {
    if (down) return;
    down = true;
    console.error(`keyward: Redis (${name}) unavailable, falling back to this instance alone: ${error.message}`);
  });
  client.on("ready", () => {
    if (down) console.error(`keyward: Redis (${name}) is back; sharing resumes`);
    down = false;
    onReady?.();
  });
  return client;
}

/** The shared command connection and a subscriber connection, or null without REDIS_URL. */
export function redis(onSubscriberReady?: () => void): { client: Redis; subscriber: Redis } | null {
  if (holder[SLOT] !== undefined) return holder[SLOT];
  holder[SLOT] = redisConfigured() ? { client: connect("commands"), subscriber: connect("subscriber", onSubscriberReady) } : null;
  return holder[SLOT];
}
