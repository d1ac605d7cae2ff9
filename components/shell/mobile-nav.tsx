"use client";
// Below the large breakpoint the sidebar folds into a top bar with a menu button; the menu opens the
// same sidebar as a drawer (Radix Dialog: focus trapped, Escape closes) and closes on navigation.
import * as RadixDialog from "@radix-ui/react-dialog";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { button } from "../ui/styles";

export function MobileNav({ title, children }: { title: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  // A link followed inside the drawer closes it (state adjusted while rendering, React's pattern for it).
  if (pathname !== shownFor) {
    setShownFor(pathname);
    setOpen(false);
  }
  return (
    <div className="sticky top-0 z-30 flex items-center justify-between border-b border-slate-200 bg-white px-4 py-2 lg:hidden">
      <span className="text-lg font-bold tracking-tight text-indigo-700">Keyward</span>
      <RadixDialog.Root open={open} onOpenChange={setOpen}>
        <RadixDialog.Trigger className={button.secondary} aria-label="Open the menu">
          <span aria-hidden>☰</span> Menu
        </RadixDialog.Trigger>
        <RadixDialog.Portal>
          <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
          <RadixDialog.Content
            aria-describedby={undefined}
            className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col bg-white shadow-xl focus:outline-none"
          >
            <RadixDialog.Title className="sr-only">{title}</RadixDialog.Title>
            <RadixDialog.Close className={`${button.ghost} absolute right-2 top-2`} aria-label="Close the menu">
              ✕
            </RadixDialog.Close>
            {children}
          </RadixDialog.Content>
        </RadixDialog.Portal>
      </RadixDialog.Root>
    </div>
  );
}
