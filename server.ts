// Keyward's HTTP server: Next's documented custom server, in this process, for two reasons.
// 1. The client address. Next hands route handlers and next-auth no socket, and fills
//    X-Forwarded-For only when the client did not, so a client could name its own address. Here
//    every request gets the address computed from the socket (lib/http/client-address.ts) in an
//    internal header, after any copy the client sent is deleted; without trusted proxies the
//    client's X-Forwarded-For and X-Real-IP are deleted too, so nothing downstream can read them.
// 2. Shutdown. SIGTERM and SIGINT reach this process: it stops accepting, lets requests in flight
//    finish, closes idle keep-alive connections, runs the shutdown hooks (usage flush), then exits.
//
//   node --import tsx server.ts [--dev]     (npm start runs it after migrating and building)
import { createServer, type IncomingMessage } from "node:http";
import { Server as NetServer } from "node:net";
import next from "next";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress, servedOverHttps, trustedProxyHops } from "./lib/http/client-address";
import { runShutdownHooks } from "./lib/shutdown";

/** How long in-flight requests may take to finish after SIGTERM before their connections are closed. */
const DRAIN_MS = Math.max(0, Number(process.env.KEYWARD_SHUTDOWN_DRAIN_MS) || 10_000);

const HSTS = "max-age=63072000; includeSubDomains";

function recordClientAddress(req: IncomingMessage, hops: number): void {
  const address = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
  delete req.headers[CLIENT_ADDRESS_HEADER];
  if (hops === 0) {
    delete req.headers["x-forwarded-for"];
    delete req.headers["x-real-ip"];
  }
  if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
}

export async function startServer(options: { dev: boolean; port: number; hostname?: string }): Promise<void> {
  const app = next({ dev: options.dev, port: options.port, hostname: options.hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  const hops = trustedProxyHops();
  let stopping = false;
  const server = createServer((req, res) => {
    // Once draining, a keep-alive client is told to open no further request on this connection.
    if (stopping) res.setHeader("Connection", "close");
    if (servedOverHttps(Boolean((req.socket as { encrypted?: boolean }).encrypted), req.headers["x-forwarded-proto"], hops))
      res.setHeader("Strict-Transport-Security", HSTS);
    recordClientAddress(req, hops);
    void handle(req, res);
  });
  // Keep-alive connections outlive a load balancer's idle timeout, so it never sends on a closed one.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port, options.hostname, resolve));
  console.log(`keyward: listening on http://${options.hostname ?? "localhost"}:${options.port}`);

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`keyward: ${signal}: draining (at most ${DRAIN_MS} ms), then flushing`);
    // net.Server's close, not http.Server's: since Node 19 the latter also closes every idle
    // connection at once, resetting a request that a client is writing at that instant.
    const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    // Busy keep-alive clients get "Connection: close" on their next answer and close themselves;
    // closing a connection that is idle only for an instant would reset the request its client is
    // sending. After a grace, connections still idle are closed; after the bound, all of them.
    const grace = Math.min(DRAIN_MS, 1000);
    let idle: NodeJS.Timeout | undefined;
    const sweep = setTimeout(() => {
      server.closeIdleConnections();
      idle = setInterval(() => server.closeIdleConnections(), 250);
    }, grace);
    const forced = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    await closed;
    clearTimeout(sweep);
    clearInterval(idle);
    clearTimeout(forced);
    await runShutdownHooks();
    await app.close().catch(() => undefined);
    process.exit(signal === "SIGTERM" ? 143 : 130);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, (received) => void stop(received));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await startServer({
    dev: process.argv.includes("--dev"),
    port: Number(process.env.PORT ?? 3000),
    hostname: process.env.KEYWARD_HOST,
  });
}
