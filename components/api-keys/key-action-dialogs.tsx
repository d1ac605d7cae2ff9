"use client";
// The confirmations behind a key's row actions: disable (with a reason), rotate (with an overlap) and
// revoke (type the key's name to confirm).
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

export function DisableKeyDialog({
  apiKey,
  onConfirm,
}: {
  apiKey: ApiKeyView;
  onConfirm: (reason: string) => Promise<string | null>;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <DialogContent
      title={`Disable "${apiKey.name}"?`}
      description="Requests with this key will be refused with 423 until you enable it again. Nothing else changes."
    >
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setError(await onConfirm(reason));
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
          <button type="submit" className={button.danger}>
            Disable key
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
  const [error, setError] = useState<string | null>(null);
  return (
    <DialogContent
      title={`Rotate "${apiKey.name}"?`}
      description="You get a new key with the same name, scopes and expiry. Choose how long the old key keeps working while you deploy the new one."
    >
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setError(await onConfirm(overlap));
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
          <button type="submit" className={button.primary}>
            Rotate key
          </button>
        </div>
      </form>
    </DialogContent>
  );
}

export function RevokeKeyDialog({ apiKey, onConfirm }: { apiKey: ApiKeyView; onConfirm: () => Promise<string | null> }) {
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <DialogContent
      title={`Revoke "${apiKey.name}"?`}
      description="Revoking is permanent: every request with this key will be refused with 401 from now on."
    >
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (typed === apiKey.name) setError(await onConfirm());
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
          <button type="submit" className={button.danger} disabled={typed !== apiKey.name}>
            Revoke key
          </button>
        </div>
      </form>
    </DialogContent>
  );
}
