import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { KEY_CHECK_FAILURES } from "@/lib/api-keys/admission";
import { apiRoutes } from "../support/routes";
import { call } from "./support/api";

describe("GET /api/openapi.json", () => {
  it("serves a valid OpenAPI 3.1 document", async () => {
    const res = await call("GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const result = await new Validator().validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("names every route under app/api with the methods it serves", async () => {
    const document = (await call("GET", "/api/openapi.json")).body;
    for (const route of apiRoutes()) {
      expect(Object.keys(document.paths), route.template).toContain(route.template);
      const routeModule = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        if (typeof routeModule[method] !== "function") continue;
        // Integration routes export every method and answer 405 for those they do not serve.
        const url = route.template.replace(/\{\w+\}/g, "x");
        const status = await call(method, url).then(
          (res) => res.status,
          () => 0,
        );
        if (status === 405) continue;
        expect(Object.keys(document.paths[route.template]), `${method} ${route.template}`).toContain(method.toLowerCase());
      }
    }
  });

  it("documents the X-Api-Key scheme, every integration error code, and examples", async () => {
    const document = (await call("GET", "/api/openapi.json")).body;
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: "apiKey", in: "header", name: "X-Api-Key" });
    const whoami = document.paths["/api/integration/whoami"].get;
    const codes = Object.values(whoami.responses).flatMap((response: any) =>
      Object.keys(response.content?.["application/json"]?.examples ?? {}),
    );
    for (const code of new Set(Object.values(KEY_CHECK_FAILURES).map((failure) => failure.code))) {
      expect(codes).toContain(code);
    }
    expect(whoami.responses["200"].headers["RateLimit-Limit"]).toBeDefined();
    expect(document.paths["/api/integration/sources"].get.description).toContain("source:read");
  });
});
