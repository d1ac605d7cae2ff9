// Carries key-cache invalidations to the other instances: Redis pub/sub when REDIS_URL is set, and
// PostgreSQL LISTEN/NOTIFY whenever the database is PostgreSQL (so invalidations keep flowing while
// Redis is down); a change is published on both before the request that made it is answered. With
// SQLite there is one instance and no bus. The bus says whether it is connected: while no channel
// is (at start, during an outage), caches must not trust what they hold (lib/api-keys/verify.ts
// re-checks every key against the database then, and fails closed if that fails too). When a
// subscription (re)connects, the local cache is cleared, since messages may have been missed.
//
// A connection can look open while nothing flows through it (a frozen network, a stalled proxy: TCP
// notices only after minutes). So each channel also carries this instance's own heartbeat, sent
// every second through the publishing side and heard on the subscribing side: a channel counts as
// connected only while its heartbeat came back within HEARTBEAT_BOUND_MS. When a silent channel is
// heard again, the cache is cleared as on a reconnect.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { redis } from "./redis";
import { resolveDatabaseTarget } from "../db/target";
import { poolConfigFromUrl, RUNTIME_POOL_TIMEOUTS } from "../db/postgres-pool";

const CHANNEL = "keyward_api_key_changes";
const INSTANCE = randomUUID();
const HEARTBEAT_EVERY_MS = 1_000;
export const HEARTBEAT_BOUND_MS = 3_000;
const HEARTBEAT = JSON.stringify({ from: INSTANCE, heartbeat: true });

export interface InvalidationBus {
  publish(change: object): Promise<void>;
  /** Whether at least one subscription is connected, so no change can go unheard. */
  connected(): boolean;
}

type Deliver = (change: unknown) => void;

/** One channel's heartbeat: sends its own every second and knows when it last came back. */
function heartbeat(send: (message: string) => Promise<unknown>, onHeardAgain: () => void) {
  let lastHeardMs = 0;
  const beat = () => void send(HEARTBEAT).catch(() => undefined);
  setInterval(beat, HEARTBEAT_EVERY_MS).unref();
  return {
    /** Sends one now: when a subscription starts, so it counts as connected without waiting a second. */
    beat,
    heard(): void {
      const now = Date.now();
      if (lastHeardMs !== 0 && now - lastHeardMs > HEARTBEAT_BOUND_MS) onHeardAgain();
      lastHeardMs = now;
    },
    fresh: () => Date.now() - lastHeardMs <= HEARTBEAT_BOUND_MS,
  };
}

function redisBus(deliver: Deliver, onReconnect: () => void): InvalidationBus | null {
  const connection = redis(onReconnect);
  if (!connection) return null;
  let subscribed = false;
  const beat = heartbeat((message) => connection.client.publish(CHANNEL, message), onReconnect);
  const subscribe = () =>
    void connection.subscriber.subscribe(CHANNEL).then(
      () => {
        subscribed = true;
        beat.beat();
      },
      () => undefined,
    );
  subscribe();
  connection.subscriber.on("ready", subscribe);
  for (const event of ["close", "end", "error", "reconnecting"]) connection.subscriber.on(event, () => (subscribed = false));
  connection.subscriber.on("message", (_channel: string, message: string) => receive(message, deliver, beat.heard));
  return {
    async publish(change) {
      await connection.client.publish(CHANNEL, JSON.stringify({ from: INSTANCE, change })).catch(() => undefined);
    },
    connected: () => subscribed && connection.subscriber.status === "ready" && beat.fresh(),
  };
}

function postgresBus(deliver: Deliver, onReconnect: () => void): InvalidationBus | null {
  const target = resolveDatabaseTarget();
  if (target.provider !== "postgresql") return null;
  const config = poolConfigFromUrl(target.url);
  const notifier = new pg.Pool({ ...config, ...RUNTIME_POOL_TIMEOUTS, max: 2 });
  notifier.on("error", () => undefined);
  const notify = (message: string) => notifier.query("SELECT pg_notify($1, $2)", [CHANNEL, message]);
  const beat = heartbeat(notify, onReconnect);
  let listening = false;
  const listen = () => {
    const listener = new pg.Client({ ...config, keepAlive: true, connectionTimeoutMillis: 5000 });
    const lost = () => {
      if (!listening) return;
      listening = false;
      console.error("keyward: PostgreSQL LISTEN for cache invalidations lost; reconnecting");
      void listener.end().catch(() => undefined);
      setTimeout(listen, 1000).unref();
    };
    listener.on("notification", (message) => message.payload && receive(message.payload, deliver, beat.heard));
    listener.on("error", lost);
    listener.on("end", lost);
    listener
      .connect()
      .then(() => listener.query(`LISTEN ${CHANNEL}`))
      .then(
        () => {
          listening = true;
          beat.beat();
          onReconnect();
        },
        () => {
          void listener.end().catch(() => undefined);
          setTimeout(listen, 1000).unref();
        },
      );
  };
  listen();
  return {
    async publish(change) {
      await notify(JSON.stringify({ from: INSTANCE, change })).catch(() => undefined);
    },
    connected: () => listening && beat.fresh(),
  };
}

function receive(message: string, deliver: Deliver, heard: () => void): void {
  try {
    const { from, change, heartbeat } = JSON.parse(message) as { from: string; change?: unknown; heartbeat?: true };
    if (heartbeat) {
      if (from === INSTANCE) heard();
    } else if (from !== INSTANCE) deliver(change);
  } catch {
    /* not ours */
  }
}

export function startInvalidationBus(deliver: Deliver, onReconnect: () => void): InvalidationBus | null {
  // A change can arrive on both channels; dropping a cache entry twice is harmless.
  const buses = [redisBus(deliver, onReconnect), postgresBus(deliver, onReconnect)].filter((bus) => bus !== null);
  if (buses.length === 0) return null;
  return {
    publish: async (change) => void (await Promise.all(buses.map((bus) => bus.publish(change)))),
    connected: () => buses.some((bus) => bus.connected()),
  };
}
