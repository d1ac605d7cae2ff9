import type { Metadata } from "next";
import { ConnectorPage } from "@/components/resources/connector-page";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage({ params }: { params: Promise<{ slug: string }> }) {
  return <ConnectorPage slug={(await params).slug} kind="source" />;
}
