"use client";
// API keys → "Test a key": paste a key, name a request, and see what the integration API would answer,
// check by check (POST /api/api-keys/test, a dry run that changes nothing). The pasted key lives only
// in this dialog's state: it is cleared when the dialog closes and never stored or logged.
import { useId, useState } from "react";
import type { KeyTestResult } from "@/lib/api-keys/schemas";
import { managementApi } from "@/lib/client/api";
import { DialogContent, DialogRoot } from "../ui/dialog";
import { button, input, label } from "../ui/styles";

export function KeyTestDialog({ workspaceId }: { workspaceId: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState("");
  const [method, setMethod] = useState("GET");
  const [path, setPath] = useState("/api/integration/whoami");
  const [ip, setIp] = useState("");
  const [result, setResult] = useState<KeyTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const close = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setKey("");
      setResult(null);
      setError(null);
    }
  };

  async function run(event: React.FormEvent) {
    event.preventDefault();
    setRunning(true);
    setError(null);
    const answer = await managementApi<KeyTestResult>(workspaceId, "POST", "/api/api-keys/test", {
      key,
      method,
      path,
      ...(ip.trim() ? { ip: ip.trim() } : {}),
    });
    setRunning(false);
    if (answer.ok) setResult(answer.data);
    else {
      setResult(null);
      setError(Object.values(answer.error.details?.fieldErrors ?? {})[0]?.[0] ?? answer.error.message);
    }
  }

  return (
    <DialogRoot open={open} onOpenChange={close}>
      <button type="button" className={button.secondary} onClick={() => setOpen(true)}>
        Test a key
      </button>
      {open ? (
        <DialogContent
          wide
          title="Test a key"
          description="See what a request with a key would be answered, and why. Nothing is counted, logged or consumed."
        >
          <form onSubmit={run} aria-label="Test a key" className="space-y-4" noValidate>
            <div>
              <label htmlFor={`${id}-key`} className={label}>
                API key
              </label>
              <input
                id={`${id}-key`}
                type="password"
                autoComplete="off"
                spellCheck={false}
                className={`${input} mt-1 font-mono`}
                value={key}
                onChange={(event) => setKey(event.target.value)}
              />
            </div>
            <div className="flex flex-wrap gap-3">
              <div>
                <label htmlFor={`${id}-method`} className={label}>
                  Method
                </label>
                <select
                  id={`${id}-method`}
                  className={`${input} mt-1 w-auto`}
                  value={method}
                  onChange={(event) => setMethod(event.target.value)}
                >
                  {["GET", "POST", "PATCH", "DELETE"].map((each) => (
                    <option key={each}>{each}</option>
                  ))}
                </select>
              </div>
              <div className="min-w-64 flex-1">
                <label htmlFor={`${id}-path`} className={label}>
                  Path
                </label>
                <input
                  id={`${id}-path`}
                  className={`${input} mt-1 font-mono`}
                  value={path}
                  onChange={(event) => setPath(event.target.value)}
                />
              </div>
              <div>
                <label htmlFor={`${id}-ip`} className={label}>
                  From address <span className="font-normal text-slate-600">(optional)</span>
                </label>
                <input
                  id={`${id}-ip`}
                  className={`${input} mt-1 w-44 font-mono`}
                  value={ip}
                  onChange={(event) => setIp(event.target.value)}
                />
              </div>
            </div>
            <div className="flex justify-end gap-3">
              <button type="button" className={button.secondary} onClick={() => close(false)}>
                Close
              </button>
              <button type="submit" className={button.primary} disabled={running || !key.trim()}>
                {running ? "Testing…" : "Run test"}
              </button>
            </div>
          </form>
          <div role="status" aria-live="polite" className="mt-4">
            {error ? <p className="text-sm text-red-700">{error}</p> : null}
            {result ? (
              <div data-testid="key-test-result">
                <p className={`text-sm font-semibold ${result.code ? "text-red-800" : "text-green-800"}`}>{result.message}</p>
                <ul className="mt-2 space-y-1 text-sm">
                  {result.checks.map((check) => (
                    <li key={check.name} className="flex gap-2">
                      <span aria-hidden className="w-4">
                        {check.passed === true ? "✓" : check.passed === false ? "✗" : "–"}
                      </span>
                      <span className="sr-only">
                        {check.passed === true ? "passed" : check.passed === false ? "failed" : "not evaluated"}:
                      </span>
                      <span className="font-medium">{check.name}</span>
                      <span className="text-slate-600">{check.detail}</span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        </DialogContent>
      ) : null}
    </DialogRoot>
  );
}
