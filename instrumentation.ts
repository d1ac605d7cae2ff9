// Next calls register() once when the server starts: this is where the process's background loops
// begin, the webhook delivery worker and the scheduler (both stop at shutdown, lib/shutdown.ts).
// KEYWARD_BACKGROUND_JOBS=off leaves them out (an instance that should only serve requests).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.KEYWARD_BACKGROUND_JOBS === "off") return;
  const [{ startWebhookWorker }, { startScheduler }] = await Promise.all([
    import("./lib/webhooks/worker"),
    import("./lib/scheduler"),
  ]);
  startWebhookWorker();
  startScheduler();
}
