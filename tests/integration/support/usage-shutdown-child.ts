// Child process of usage-shutdown.test.ts: records usage the way the integration layer does, then
// on SIGTERM runs the shutdown hooks as server.ts does once requests have drained, long before the
// periodic flush is due.
import { usageRecorder } from "@/lib/api-keys/usage-recorder";
import { runShutdownHooks } from "@/lib/shutdown";

const [keyId, workspaceId] = process.argv.slice(2) as [string, string];
const recorder = usageRecorder();
for (let i = 0; i < 7; i++) recorder.record(keyId, workspaceId, "allowed");
recorder.record(keyId, workspaceId, "rate_limited");
process.once("SIGTERM", () => void runShutdownHooks().then(() => process.exit(143)));
process.stdout.write("recorded\n");
setInterval(() => undefined, 1000); // stay alive until the signal
