import type { UsageDay } from "@/lib/api-keys/schemas";

/** Stacked bars per day (allowed in indigo, denied in red), with the numbers in a table for screen readers. */
export function UsageChart({ days }: { days: UsageDay[] }) {
  const max = Math.max(1, ...days.map((day) => day.allowed + day.denied));
  const total = days.reduce((sum, day) => ({ allowed: sum.allowed + day.allowed, denied: sum.denied + day.denied }), {
    allowed: 0,
    denied: 0,
  });
  return (
    <div className="mt-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700" data-testid="usage-totals">
          {total.allowed} allowed · {total.denied} denied
        </p>
        <p aria-hidden className="flex gap-4 text-xs text-slate-600">
          <span className="flex items-center gap-1">
            <span className="inline-block size-3 rounded-sm bg-indigo-500" /> allowed
          </span>
          <span className="flex items-center gap-1">
            <span className="inline-block size-3 rounded-sm bg-red-400" /> denied (any error code)
          </span>
        </p>
      </div>
      <div aria-hidden className="mt-3 flex h-40 items-end gap-1 border-b border-slate-200">
        {days.map((day) => (
          <div
            key={day.day}
            className="flex h-full flex-1 flex-col justify-end"
            title={`${day.day}: ${day.allowed} allowed, ${day.denied} denied`}
          >
            <div className="bg-red-400" style={{ height: `${(day.denied / max) * 100}%` }} />
            <div className="bg-indigo-500" style={{ height: `${(day.allowed / max) * 100}%` }} />
          </div>
        ))}
      </div>
      <div aria-hidden className="mt-1 flex justify-between text-xs text-slate-500">
        <span>{days[0]?.day}</span>
        <span>{days.at(-1)?.day}</span>
      </div>
      <table className="sr-only">
        <caption>Requests per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Allowed</th>
            <th scope="col">Denied</th>
          </tr>
        </thead>
        <tbody>
          {days
            .filter((day) => day.allowed + day.denied > 0)
            .map((day) => (
              <tr key={day.day}>
                <td>{day.day}</td>
                <td>{day.allowed}</td>
                <td>{day.denied}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
