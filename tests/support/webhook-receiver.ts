// A real HTTP receiver on a free loopback port, for tests of the webhooks Keyward sends: it keeps
// every request it gets and answers with the statuses it is told (one per request, then the last),
// after a delay if told, counts how many requests it held at once, and verifies messages with the
// standardwebhooks package as a customer's receiver would.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export async function startWebhookReceiver(options: { statuses?: number[]; headers?: Record<string, string> } = {}) {
  const received: ReceivedHook[] = [];
  let statuses = options.statuses ?? [200];
  let delayMs = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    res.on("close", () => inFlight--);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
      setTimeout(() => {
        res.writeHead(status, { "content-type": "text/plain", ...options.headers });
        res.end(status < 300 ? "ok" : `failing with ${status}`);
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    respondWith(next: number[]) {
      statuses = next;
    },
    answerAfter(ms: number) {
      delayMs = ms;
    },
    /** The most requests held at once so far. */
    get maxInFlight() {
      return maxInFlight;
    },
    /** The parsed payload if `secret` verifies the message (throws otherwise), as a receiver would. */
    verify(hook: ReceivedHook, secret: string) {
      return new Webhook(secret).verify(hook.body, {
        "webhook-id": String(hook.headers["webhook-id"]),
        "webhook-timestamp": String(hook.headers["webhook-timestamp"]),
        "webhook-signature": String(hook.headers["webhook-signature"]),
      }) as { type: string; timestamp: string; data: Record<string, unknown> };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
