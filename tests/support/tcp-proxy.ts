// A TCP proxy a fault test controls, put between the app and a dependency: it passes bytes through,
// cuts (resets every connection and refuses new ones, as a crashed peer or a dropped route does), or
// freezes (keeps every connection open and accepts new ones but moves no byte, as a stalled network
// does, which TCP itself notices only after minutes). Thawing delivers what was held, in order.
import net, { type Socket } from "node:net";

type Mode = "pass" | "cut" | "frozen";

interface Link {
  client: Socket;
  upstream: Socket;
  held: Array<{ to: Socket; chunk: Buffer }>;
}

export interface TcpProxy {
  port: number;
  cut(): void;
  freeze(): void;
  /** Back to passing bytes; a frozen link delivers what it held first. */
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: Mode = "pass";
  const links = new Set<Link>();
  const forward = (link: Link, to: Socket, chunk: Buffer) => {
    if (mode === "frozen" || link.held.length > 0) link.held.push({ to, chunk });
    else to.write(chunk);
  };
  const server = net.createServer((client) => {
    if (mode === "cut") return void client.resetAndDestroy();
    const upstream = net.connect(target.port, target.host);
    const link: Link = { client, upstream, held: [] };
    links.add(link);
    const drop = () => {
      links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    client.on("data", (chunk: Buffer) => forward(link, upstream, chunk));
    upstream.on("data", (chunk: Buffer) => forward(link, client, chunk));
    for (const socket of [client, upstream]) {
      socket.on("error", drop);
      socket.on("close", drop);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      mode = "cut";
      for (const link of links) {
        link.client.resetAndDestroy();
        link.upstream.destroy();
      }
      links.clear();
    },
    freeze() {
      mode = "frozen";
    },
    restore() {
      mode = "pass";
      for (const link of links) {
        for (const { to, chunk } of link.held.splice(0)) to.write(chunk);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const link of links) {
          link.client.destroy();
          link.upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
