/** Liveness for load balancers and the benchmark baseline: no auth, no database. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
