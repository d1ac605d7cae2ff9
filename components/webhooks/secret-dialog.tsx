"use client";
// Shows a webhook signing secret once, after creation or rotation.
import { CopyField } from "../api-keys/reveal-key-dialog";
import { DialogContent, DialogRoot } from "../ui/dialog";
import { button } from "../ui/styles";

export function SecretDialog({ secret, rotated, onClose }: { secret: string | null; rotated: boolean; onClose: () => void }) {
  return (
    <DialogRoot open={secret !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      {secret ? (
        <DialogContent title="Signing secret" data-testid="secret-dialog">
          <div role="note" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
            <strong>Copy the secret now.</strong> It will not be shown again. Verify each message with it using a Standard
            Webhooks library (<code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code> headers).
            {rotated
              ? " The previous secret keeps signing alongside it for 24 hours, so you can switch without missing a message."
              : ""}
          </div>
          <div className="mt-4">
            <CopyField label="Signing secret" value={secret} onCopied={() => undefined} testId="webhook-secret" />
          </div>
          <div className="mt-6 flex justify-end">
            <button type="button" className={button.primary} onClick={onClose}>
              Done
            </button>
          </div>
        </DialogContent>
      ) : null}
    </DialogRoot>
  );
}
