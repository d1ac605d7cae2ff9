"use client";
// The confirmations behind a key's row actions: disable (with a reason), rotate (with an overlap) and
// revoke (type the key's name to confirm). While one runs, its button says so and cannot be pressed
// twice; the result is announced by the list's status line, an error shows in the dialog.
import { useState } from "react";
import type { ApiKeyView } from "@/lib/api-keys/schemas";
import { DialogClose, DialogContent } from "../ui/dialog";
import { button, input, label } from "../ui/styles";

function FormError({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="mb-3 rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
      {message}
    </p>
  ) : null;
}

/** One run at a time of a dialog's action; `error` is what the action answered, null on success. */
function useDialogAction<Args extends unknown[]>(action: (...args: Args) => Promise<string | null>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(...args: Args) {
    if (pending) return;
    setPending(true);
    setError(await action(...args));
    setPending(false);
  }
  return { pending, error, run };
}

export function DisableKeyDialog({
  apiKey,
  onConfirm,
}: {
  apiKey: ApiKeyView;
  onConfirm: (reason: string) => Promise<string | null>;
}) {
  const [reason, setReason] = useState("");
  const { pending, error, run } = useDialogAction(onConfirm);
  return (
    <DialogContent
      title={`Disable "${apiKey.name}"?`}
      description="Requests with this key will be refused with 423 until you enable it again. Nothing else changes."
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run(reason);
        }}
      >
        <FormError message={error} />
        <label htmlFor="disable-reason" className={label}>
          Reason (optional, shown to the caller)
        </label>
        <input
          id="disable-reason"
          className={`${input} mt-1`}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <div className="mt-6 flex justify-end gap-3">
          <DialogClose className={button.secondary}>Cancel</DialogClose>
          <button type="submit" className={button.danger} disabled={pending} aria-busy={pending}>
            {pending ? "Disabling…" : "Disable key"}
          </button>
        </div>
      </form>
    </DialogContent>
  );
}

const OVERLAPS = [
  { seconds: 0, label: "None: the old key stops now" },
  { seconds: 3600, label: "1 hour" },
  { seconds: 86_400, label: "24 hours" },
  { seconds: 7 * 86_400, label: "7 days" },
];

export function RotateKeyDialog({
  apiKey,
  onConfirm,
}: {
  apiKey: ApiKeyView;
  onConfirm: (overlapSeconds: number) => Promise<string | null>;
}) {
  const [overlap, setOverlap] = useState(0);
  const { pending, error, run } = useDialogAction(onConfirm);
  return (
    <DialogContent
      title={`Rotate "${apiKey.name}"?`}
      description="You get a new key with the same name, scopes and expiry. Choose how long the old key keeps working while you deploy the new one."
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run(overlap);
        }}
      >
        <FormError message={error} />
        <label htmlFor="rotate-overlap" className={label}>
          Old key keeps working for
        </label>
        <select
          id="rotate-overlap"
          className={`${input} mt-1`}
          value={overlap}
          onChange={(e) => setOverlap(Number(e.target.value))}
        >
          {OVERLAPS.map((option) => (
            <option key={option.seconds} value={option.seconds}>
              {option.label}
            </option>
          ))}
        </select>
        <div className="mt-6 flex justify-end gap-3">
          <DialogClose className={button.secondary}>Cancel</DialogClose>
          <button type="submit" className={button.primary} disabled={pending} aria-busy={pending}>
            {pending ? "Rotating…" : "Rotate key"}
          </button>
        </div>
      </form>
    </DialogContent>
  );
}

export function RevokeKeyDialog({ apiKey, onConfirm }: { apiKey: ApiKeyView; onConfirm: () => Promise<string | null> }) {
  const [typed, setTyped] = useState("");
  const { pending, error, run } = useDialogAction(onConfirm);
  return (
    <DialogContent
      title={`Revoke "${apiKey.name}"?`}
      description="Revoking is permanent: every request with this key will be refused with 401 from now on."
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (typed === apiKey.name) void run();
        }}
      >
        <FormError message={error} />
        <label htmlFor="revoke-confirm" className={label}>
          Type <span className="font-mono font-semibold">{apiKey.name}</span> to confirm
        </label>
        <input
          id="revoke-confirm"
          className={`${input} mt-1`}
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <div className="mt-6 flex justify-end gap-3">
          <DialogClose className={button.secondary}>Cancel</DialogClose>
          <button type="submit" className={button.danger} disabled={typed !== apiKey.name || pending} aria-busy={pending}>
            {pending ? "Revoking…" : "Revoke key"}
          </button>
        </div>
      </form>
    </DialogContent>
  );
}

/**
 * One confirmation for a bulk disable or revoke: it lists the ticked keys by name, or says how many
 * keys match the filter and which filter, and shows progress while the rounds run.
 */
export function BulkKeyDialog({
  kind,
  keys,
  matching,
  onConfirm,
}: {
  kind: "disable" | "revoke";
  /** The ticked keys; null for every key matching the filter. */
  keys: ApiKeyView[] | null;
  matching: { count: number; filter: string };
  onConfirm: (reason: string, onProgress: (done: number) => void) => Promise<string | null>;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const count = keys ? keys.length : matching.count;
  const verb = kind === "revoke" ? "Revoke" : "Disable";
  return (
    <DialogContent
      title={`${verb} ${count} key${count === 1 ? "" : "s"}?`}
      description={
        kind === "revoke"
          ? "Revoked keys stop working at once and cannot be enabled again."
          : "Requests with these keys will be refused with 423 until they are enabled again."
      }
    >
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setDone(0);
          setError(await onConfirm(reason, setDone));
          setDone(null);
        }}
      >
        <FormError message={error} />
        {keys ? (
          <ul
            className="max-h-48 list-disc overflow-y-auto pl-5 text-sm text-slate-800"
            aria-label="Keys"
            data-testid="bulk-keys"
          >
            {keys.map((key) => (
              <li key={key.id}>
                {key.name} <span className="font-mono text-xs text-slate-600">{key.keyPrefix}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-800" data-testid="bulk-matching">
            Every key matching this filter ({matching.filter}): {matching.count} keys.
          </p>
        )}
        {kind === "disable" ? (
          <div className="mt-4">
            <label htmlFor="bulk-reason" className={label}>
              Reason (optional, shown to the caller)
            </label>
            <input id="bulk-reason" className={`${input} mt-1`} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
        ) : null}
        <p role="status" aria-live="polite" className="mt-3 min-h-5 text-sm text-slate-700">
          {done !== null ? `${verb.replace(/e$/, "")}ing… ${done} of ${count} done` : ""}
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose className={button.secondary}>Cancel</DialogClose>
          <button type="submit" className={kind === "revoke" ? button.danger : button.primary} disabled={done !== null}>
            {verb} {count} key{count === 1 ? "" : "s"}
          </button>
        </div>
      </form>
    </DialogContent>
  );
}
