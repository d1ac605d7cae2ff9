// Dates for people: relative for recent activity, absolute (local) on hover.
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

export function relativeTime(iso: string | null, now = Date.now(), never = "Never"): string {
  if (!iso) return never;
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return Math.abs(seconds) < 45 ? "just now" : relative.format(seconds, "second");
}

export function absoluteTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" }) : "";
}

export function shortDate(iso: string | null, fallback = "Never"): string {
  return iso ? new Date(iso).toLocaleDateString("en", { dateStyle: "medium" }) : fallback;
}

/** " from 203.0.113.7, python-requests/2.32": where a key was last used, for a sentence. */
export function lastUsedFrom(ip: string | null, userAgent: string | null): string {
  if (!ip && !userAgent) return "";
  return ` from ${[ip, userAgent].filter(Boolean).join(", ")}`;
}

const WEEK_MS = 7 * 24 * 3600 * 1000;
/** Whether an expiry is less than 7 days away (and not past): shown in the warning colour. */
export function expiresSoon(iso: string | null, now = Date.now()): boolean {
  if (!iso) return false;
  const left = Date.parse(iso) - now;
  return left > 0 && left < WEEK_MS;
}
