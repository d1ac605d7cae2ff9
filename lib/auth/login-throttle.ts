// Throttles failed sign-ins per client address and per email, so passwords cannot be guessed at speed.
// Only failures count; a success clears the email's counter.
import { RateLimiterRes } from "rate-limiter-flexible";
import { createLimiter } from "../scale/limiter";
import { ApiError } from "../errors";

const WINDOW_SECONDS = 15 * 60;
const FAILURES_PER_IP = 30;
const FAILURES_PER_EMAIL = 10;
let limiters: { byIp: ReturnType<typeof createLimiter>; byEmail: ReturnType<typeof createLimiter> } | undefined;
function throttles() {
  return (limiters ??= {
    byIp: createLimiter({ keyPrefix: "login_ip", points: FAILURES_PER_IP, duration: WINDOW_SECONDS }),
    byEmail: createLimiter({ keyPrefix: "login_email", points: FAILURES_PER_EMAIL, duration: WINDOW_SECONDS }),
  });
}

function tooMany(retryAfterMs: number): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError("rate_limited", `Too many failed sign-ins; try again in ${seconds} s`, {
    headers: { "Retry-After": String(seconds) },
  });
}

/** Throws 429 when the address or the email has used up its failures. */
export async function assertLoginAllowed(ip: string | null, email: string): Promise<void> {
  const { byIp, byEmail } = throttles();
  const [ipState, emailState] = await Promise.all([byIp.get(ip ?? "unknown"), byEmail.get(email)]);
  for (const [state, limit] of [
    [ipState, FAILURES_PER_IP],
    [emailState, FAILURES_PER_EMAIL],
  ] as const) {
    if (state && state.consumedPoints >= limit) throw tooMany(state.msBeforeNext);
  }
}

export async function recordLoginFailure(ip: string | null, email: string): Promise<void> {
  const { byIp, byEmail } = throttles();
  await Promise.all([
    byIp.consume(ip ?? "unknown").catch((result: unknown) => {
      if (!(result instanceof RateLimiterRes)) throw result;
    }),
    byEmail.consume(email).catch((result: unknown) => {
      if (!(result instanceof RateLimiterRes)) throw result;
    }),
  ]);
}

export async function recordLoginSuccess(email: string): Promise<void> {
  await throttles().byEmail.delete(email);
}
