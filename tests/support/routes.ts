// The routes under app/api, found on disk: used to call handlers by URL in integration tests and to
// check that the OpenAPI document names every route.
import { readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export interface RouteFile {
  /** e.g. /api/api-keys/{id}/rotate */
  template: string;
  file: string;
  pattern: RegExp;
  paramNames: string[];
}

export function apiRoutes(): RouteFile[] {
  const base = path.join(root, "app");
  return (
    readdirSync(path.join(base, "api"), { recursive: true })
      .map(String)
      .filter((file) => file.endsWith("route.ts"))
      .map((file) => {
        const segments = path.dirname(path.join("api", file)).split(path.sep);
        const paramNames: string[] = [];
        const parts = segments.map((segment) => {
          const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
          if (catchAll) {
            paramNames.push(catchAll[1]!);
            return { template: `{${catchAll[1]}}`, regex: "(.+)" };
          }
          const dynamic = /^\[(\w+)\]$/.exec(segment);
          if (dynamic) {
            paramNames.push(dynamic[1]!);
            return { template: `{${dynamic[1]}}`, regex: "([^/]+)" };
          }
          return { template: segment, regex: segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") };
        });
        return {
          template: "/" + parts.map((part) => part.template).join("/"),
          file: path.join(base, "api", file),
          pattern: new RegExp(`^/${parts.map((part) => part.regex).join("/")}$`),
          paramNames,
        };
      })
      // Static segments win over dynamic ones, as in Next's router.
      .sort((a, b) => a.paramNames.length - b.paramNames.length)
  );
}
