// Carries key-cache invalidations to the other instances: Redis pub/sub when REDIS_URL is set, else
// PostgreSQL LISTEN/NOTIFY when the database is PostgreSQL, else nothing (one instance). A change is
// published before the request that made it is answered. When the subscription (re)connects, the
// local cache is cleared, since messages may have been missed meanwhile.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { redis } from "./redis";
import { resolveDatabaseTarget } from "../db/target";
import { poolConfigFromUrl } from "../db/postgres-pool";

const CHANNEL = "keyward_api_key_changes";
const INSTANCE = randomUUID();

export interface InvalidationBus {
  publish(change: object): Promise<void>;
}

type Deliver = (change: unknown) => void;

function redisBus(deliver: Deliver, onReconnect: () => void): InvalidationBus | null {
  const connection = redis(onReconnect);
  if (!connection) return null;
  void connection.subscriber.subscribe(CHANNEL).catch(() => undefined);
  connection.subscriber.on("ready", () => void connection.subscriber.subscribe(CHANNEL).catch(() => undefined));
  connection.subscriber.on("message", (_channel: string, message: string) => receive(message, deliver));
  return {
    async publish(change) {
      await connection.client.publish(CHANNEL, JSON.stringify({ from: INSTANCE, change })).catch(() => undefined);
    },
  };
}

function postgresBus(deliver: Deliver, onReconnect: () => void): InvalidationBus | null {
  const target = resolveDatabaseTarget();
  if (target.provider !== "postgresql") return null;
  const config = poolConfigFromUrl(target.url);
  const notifier = new pg.Pool({ ...config, max: 2 });
  notifier.on("error", () => undefined);
  const listen = () => {
    const listener = new pg.Client(config);
    listener.on("notification", (message) => message.payload && receive(message.payload, deliver));
    listener.on("error", () => {
      void listener.end().catch(() => undefined);
      setTimeout(listen, 1000).unref();
    });
    listener
      .connect()
      .then(() => listener.query(`LISTEN ${CHANNEL}`))
      .then(onReconnect, () => setTimeout(listen, 1000).unref());
  };
  listen();
  return {
    async publish(change) {
      await notifier
        .query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify({ from: INSTANCE, change })])
        .catch(() => undefined);
    },
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
  return redisBus(deliver, onReconnect) ?? postgresBus(deliver, onReconnect);
}
