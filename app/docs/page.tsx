import type { Metadata } from "next";
import { openApiDocument } from "@/lib/openapi/document";
import { ApiReference } from "@/components/docs/api-reference";

export const metadata: Metadata = { title: "API reference" };
// Rendered per request: the CSP nonce that lets the renderer's scripts run is fresh on each one.
export const dynamic = "force-dynamic";

/** /api/openapi.json, rendered; the document is handed over here, so the page needs no second request. */
export default function DocsPage() {
  return <ApiReference document={openApiDocument()} />;
}
