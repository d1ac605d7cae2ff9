"use client";
// The API reference: Scalar's renderer, bundled into the app (no script, font or style from another
// host, so the pages' strict CSP holds). "Test request" sends from this page to this server: with an
// API key pasted into the auth panel, or, for the management API, the signed-in session's cookie
// (same origin) plus the workspace id in x-tenant-id. Code samples: curl, JavaScript fetch, Python
// requests first; the other clients stay in the "More" menu.
import dynamic from "next/dynamic";
import "@scalar/api-reference-react/style.css";

// The renderer reads window and its own stylesheet at start: browser only.
const ApiReferenceReact = dynamic(() => import("@scalar/api-reference-react").then((module) => module.ApiReferenceReact), {
  ssr: false,
  loading: () => <p className="p-10 text-slate-600">Loading the API reference…</p>,
});

export function ApiReference({ document }: { document: object }) {
  return (
    <ApiReferenceReact
      configuration={{
        content: document,
        // This server, whatever host it is reached on (the renderer runs in the browser only).
        servers: typeof window === "undefined" ? [] : [{ url: window.location.origin, description: "This Keyward" }],
        withDefaultFonts: false,
        telemetry: false,
        agent: { disabled: true },
        mcp: { disabled: true },
        showDeveloperTools: "never",
        persistAuth: false,
        hideDarkModeToggle: true,
        darkMode: typeof window !== "undefined" && window.matchMedia("(prefers-color-scheme: dark)").matches,
        featuredClients: ["shell/curl", "js/fetch", "python/requests"],
        defaultHttpClient: { targetKey: "shell", clientKey: "curl" },
        authentication: { preferredSecurityScheme: "apiKey" },
      }}
    />
  );
}
