import type { Metadata } from "next";
import { ConnectorPage } from "@/components/resources/connector-page";

export const metadata: Metadata = { title: "Destinations" };

export default async function DestinationsPage({ params }: { params: Promise<{ slug: string }> }) {
  return <ConnectorPage slug={(await params).slug} kind="destination" />;
}
