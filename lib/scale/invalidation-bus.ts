// Carries key-cache invalidations to the other instances: Redis pub/sub when REDIS_URL is set, and
// PostgreSQL LISTEN/NOTIFY whenever the database is PostgreSQL (so invalidations keep flowing while
// Redis is down); a change is published on both before the request that made it is answered. With
// SQLite there is one instance and no bus. The bus says whether it is connected: while no channel
// is (at start, during an outage), caches must not trust what they hold (lib/api-keys/verify.ts
// re-checks every key against the database then, and fails closed if that fails too). When a
// subscription (re)connects, the local cache is cleared, since messages may have been missed.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { redis } from "./redis";
import { resolveDatabaseTarget } from "../db/target";
import { poolConfigFromUrl } from "../db/postgres-pool";

const CHANNEL = "keyward_api_key_changes";
const INSTANCE = randomUUID();

export interface InvalidationBus {
  publish(change: object): Promise<void>;
  /** Whether at least one subscription is connected, so no change can go unheard. */
  connected(): boolean;
}

type Deliver = (change: unknown) => void;

function redisBus(deliver: Deliver, onReconnect: () => void): InvalidationBus | null {
  const connection = redis(onReconnect);
  if (!connection) return null;
  let subscribed = false;
  const subscribe = () =>
    void connection.subscriber.subscribe(CHANNEL).then(
      () => (subscribed = true),
      () => undefined,
    );
  subscribe();
  connection.subscriber.on("ready", subscribe);
  for (const event of ["close", "end", "error", "reconnecting"]) connection.subscriber.on(event, () => (subscribed = false));
  connection.subscriber.on("message", (_channel: string, message: string) => receive(message, deliver));
  return {
    async publish(change) {
      await connection.client.publish(CHANNEL, JSON.stringify({ from: INSTANCE, change })).catch(() => undefined);
    },
    connected: () => subscribed && connection.subscriber.status === "ready",
  };
}

function postgresBus(deliver: Deliver, onReconnect: () => void): InvalidationBus | null {
  const target = resolveDatabaseTarget();
  if (target.provider !== "postgresql") return null;
  const config = poolConfigFromUrl(target.url);
  const notifier = new pg.Pool({ ...config, max: 2 });
  notifier.on("error", () => undefined);
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
    listener.on("notification", (message) => message.payload && receive(message.payload, deliver));
    listener.on("error", lost);
    listener.on("end", lost);
    listener
      .connect()
      .then(() => listener.query(`LISTEN ${CHANNEL}`))
      .then(
        () => {
          listening = true;
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
      await notifier
        .query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify({ from: INSTANCE, change })])
        .catch(() => undefined);
    },
    connected: () => listening,
  };
}

function receive(message: string, deliver: Deliver): void {
  try {
    const { from, change } = JSON.parse(message) as { from: string; change: unknown };
    if (from !== INSTANCE) deliver(change);
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
