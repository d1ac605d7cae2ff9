"use client";
// A list's search box: it reports what was typed after a pause (not on every key), so the list can put
// the search in the URL and the page fetch its first page once.
import { useEffect, useRef, useState } from "react";

export function SearchField({
  id,
  label,
  placeholder,
  initial,
  onSearch,
}: {
  id: string;
  label: string;
  placeholder: string;
  initial: string;
  onSearch: (q: string | undefined) => void;
}) {
  const [value, setValue] = useState(initial);
  const reported = useRef(initial);
  useEffect(() => {
    if (value.trim() === reported.current) return;
    const timer = setTimeout(() => {
      reported.current = value.trim();
      onSearch(value.trim() || undefined);
    }, 300);
    return () => clearTimeout(timer);
  });
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        type="search"
        className="w-full rounded-md border-0 py-1.5 pl-3 text-sm ring-1 ring-inset ring-slate-300 sm:w-64"
        placeholder={placeholder}
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
    </>
  );
}
