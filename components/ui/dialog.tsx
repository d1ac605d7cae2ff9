"use client";
// Our dialog: Radix Dialog (focus trap, Escape, aria wiring) with the app's look.
import * as RadixDialog from "@radix-ui/react-dialog";
import type { ComponentProps, ReactNode } from "react";

export const DialogRoot = RadixDialog.Root;
export const DialogClose = RadixDialog.Close;

export function DialogContent({
  title,
  description,
  children,
  wide,
  ...props
}: { title: ReactNode; description?: ReactNode; children: ReactNode; wide?: boolean } & ComponentProps<
  typeof RadixDialog.Content
>) {
  return (
    <RadixDialog.Portal>
      <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
      <RadixDialog.Content
        {...props}
        {...(description ? {} : { "aria-describedby": undefined })}
        className={`fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl focus:outline-none ${wide ? "max-w-3xl" : "max-w-lg"}`}
      >
        <RadixDialog.Title className="text-lg font-semibold text-slate-900">{title}</RadixDialog.Title>
        {description ? (
          <RadixDialog.Description className="mt-1 text-sm text-slate-600">{description}</RadixDialog.Description>
        ) : null}
        <div className="mt-4">{children}</div>
      </RadixDialog.Content>
    </RadixDialog.Portal>
  );
}
