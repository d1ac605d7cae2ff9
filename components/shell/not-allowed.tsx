/** What a page shows instead of its content when the caller's role lacks the capability it needs. */
export function NotAllowed({ title, sentence }: { title: string; sentence: string }) {
  return (
    <section>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-3 text-sm text-slate-700">{sentence}.</p>
    </section>
  );
}
