import type { Metadata } from "next";
import { openApiDocument } from "@/lib/openapi/document";

export const metadata: Metadata = { title: "API reference" };

type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string }>;
};

const METHOD_LOOK: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-green-100 text-green-900",
  patch: "bg-amber-100 text-amber-900",
  delete: "bg-red-100 text-red-900",
};

/** A readable rendering of /api/openapi.json: no external assets, works offline. */
export default function DocsPage() {
  const document = openApiDocument();
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({ path, method, operation })),
  );
  const tags = [...new Set(operations.map((each) => each.operation.tags?.[0] ?? "Other"))];
  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <h1 className="text-3xl font-semibold tracking-tight">{document.info.title}</h1>
      <p className="mt-3 max-w-3xl text-slate-700">{document.info.description}</p>
      <p className="mt-2 text-sm">
        Machine-readable:{" "}
        <a className="font-medium text-indigo-700 underline" href="/api/openapi.json">
          /api/openapi.json
        </a>{" "}
        (OpenAPI 3.1)
      </p>
      <nav aria-label="Sections" className="mt-6 flex flex-wrap gap-3 text-sm">
        {tags.map((tag) => (
          <a key={tag} href={`#${tag}`} className="rounded bg-white px-3 py-1 ring-1 ring-slate-200 hover:bg-slate-100">
            {tag}
          </a>
        ))}
      </nav>
      {tags.map((tag) => (
        <section key={tag} id={tag} className="mt-10">
          <h2 className="text-xl font-semibold">{tag}</h2>
          <div className="mt-4 space-y-3">
            {operations
              .filter((each) => (each.operation.tags?.[0] ?? "Other") === tag)
              .map(({ path, method, operation }) => (
                <details key={`${method} ${path}`} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
                  <summary className="cursor-pointer">
                    <span
                      className={`mr-3 inline-block w-16 rounded px-2 py-0.5 text-center font-mono text-xs font-semibold uppercase ${METHOD_LOOK[method] ?? ""}`}
                    >
                      {method}
                    </span>
                    <code className="font-mono text-sm">{path}</code>
                    <span className="ml-3 text-sm text-slate-600">{operation.summary}</span>
                  </summary>
                  <div className="mt-3 space-y-3 text-sm">
                    {operation.description ? <p>{operation.description}</p> : null}
                    {operation.security ? (
                      <p>Authentication: {operation.security.map((scheme) => Object.keys(scheme).join(" + ")).join(" or ")}</p>
                    ) : null}
                    {operation.parameters?.length ? (
                      <p>
                        Parameters:{" "}
                        {operation.parameters
                          .map((parameter) => `${parameter.name} (${parameter.in}${parameter.required ? ", required" : ""})`)
                          .join(", ")}
                      </p>
                    ) : null}
                    {operation.requestBody ? (
                      <div>
                        <p className="font-medium">Request body</p>
                        <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
                          {JSON.stringify(operation.requestBody.content["application/json"]?.schema, null, 2)}
                        </pre>
                      </div>
                    ) : null}
                    <ul className="space-y-1">
                      {Object.entries(operation.responses).map(([status, response]) => (
                        <li key={status}>
                          <code className="font-mono font-semibold">{status}</code> {response.description}
                        </li>
                      ))}
                    </ul>
                  </div>
                </details>
              ))}
          </div>
        </section>
      ))}
    </main>
  );
}
