// Where integration tests find PostgreSQL: TEST_POSTGRES_URL, default the CI machine's server.
export const testPostgresUrl = () => process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
