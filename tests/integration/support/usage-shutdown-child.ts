// Child process of usage-shutdown.test.ts: records usage the way the integration layer does, then
// receives SIGTERM as `npm start` would, long before the periodic flush is due.
import { usageRecorder } from "@/lib/api-keys/usage-recorder";

const [keyId, workspaceId] = process.argv.slice(2) as [string, string];
const recorder = usageRecorder();
for (let i = 0; i < 7; i++) recorder.record(keyId, workspaceId, "allowed");
recorder.record(keyId, workspaceId, "rate_limited");
process.stdout.write("recorded\n");
setInterval(() => undefined, 1000); // stay alive until the signal
