"use client";
// Shows a new key exactly once. Closing by Escape or a click outside asks first while the key has not
// been copied; once closed, the parent drops the plaintext from its state.
import { useState } from "react";
import { DialogContent, DialogRoot } from "../ui/dialog";
import { button } from "../ui/styles";

export function CopyField({
  label,
  value,
  onCopied,
  testId,
}: {
  label: string;
  value: string;
  onCopied: () => void;
  testId: string;
}) {
  const [copied, setCopied] = useState(false);
  const id = `reveal-${testId}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          data-testid={testId}
          className="block w-full rounded-md border-0 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-inset ring-slate-300"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          className={`${button.secondary} w-28 shrink-0`}
          data-testid={`copy-${testId}`}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopied(true);
              onCopied();
              setTimeout(() => setCopied(false), 2000);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? "Copied" : "Copy"}
          <span className="sr-only"> {label}</span>
        </button>
      </div>
      <span role="status" aria-live="polite" className="sr-only">
        {copied ? `${label} copied to the clipboard` : ""}
      </span>
    </div>
  );
}

export function RevealKeyDialog({
  reveal,
  onClose,
}: {
  reveal: { plaintextKey: string; workspaceId: string; userId: string | null; name: string; owner: "user" | "workspace" } | null;
  onClose: () => void;
}) {
  const [keyCopied, setKeyCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const close = () => {
    setKeyCopied(false);
    setConfirming(false);
    onClose();
  };
  const guardedDismiss = (event: Event) => {
    if (keyCopied) return;
    event.preventDefault();
    setConfirming(true);
  };

  return (
    <DialogRoot open={reveal !== null} onOpenChange={(open) => (open ? undefined : close())}>
      {reveal ? (
        <DialogContent
          title="Your API key has been successfully created!"
          description={`"${reveal.name}" is ready to use.`}
          onEscapeKeyDown={guardedDismiss}
          onPointerDownOutside={guardedDismiss}
          onInteractOutside={guardedDismiss}
          data-testid="reveal-dialog"
        >
          <div role="note" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
            <strong>Copy the key now.</strong> It will not be shown again: Keyward stores only a hash of it. If you lose it,
            rotate the key to get a new one.
          </div>
          <div className="mt-4 space-y-4">
            <CopyField label="API key" value={reveal.plaintextKey} onCopied={() => setKeyCopied(true)} testId="api-key" />
            <CopyField label="Workspace ID" value={reveal.workspaceId} onCopied={() => undefined} testId="workspace-id" />
            <CopyField
              label={reveal.owner === "workspace" ? "Creator's user ID" : "User ID"}
              value={reveal.userId ?? ""}
              onCopied={() => undefined}
              testId="user-id"
            />
          </div>
          {confirming ? (
            <div
              role="alertdialog"
              aria-label="Close without copying?"
              className="mt-5 rounded-md bg-red-50 p-3 ring-1 ring-red-200"
            >
              <p className="text-sm text-red-900">You have not copied the API key. Close anyway? You will not see it again.</p>
              <div className="mt-3 flex gap-2">
                <button type="button" className={button.danger} onClick={close}>
                  Close without copying
                </button>
                <button type="button" className={button.secondary} onClick={() => setConfirming(false)} autoFocus>
                  Keep it open
                </button>
              </div>
            </div>
          ) : null}
          <div className="mt-6 flex justify-end">
            <button type="button" className={button.primary} onClick={close}>
              Close
            </button>
          </div>
        </DialogContent>
      ) : null}
    </DialogRoot>
  );
}
