import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { z } from "zod";
import * as schemas from "@/lib/resources/schemas";
import { viewColumns, viewJson, viewOf } from "@/lib/resources/views";

const VIEWS = {
  connector: schemas.connectorViewSchema,
  pipeline: schemas.pipelineViewSchema,
  trackingPlan: schemas.trackingPlanViewSchema,
  event: schemas.eventViewSchema,
  property: schemas.propertyViewSchema,
} satisfies Record<string, z.ZodObject>;

const text = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.string());
const instant = fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true });
// Each kind of column as either database answers it.
const VALUES = {
  plain: fc.oneof(text, fc.constant(null)),
  boolean: fc.constantFrom(0, 1, true, false),
  timestamp: fc.oneof(
    instant.map((date) => date.toISOString().replace("Z", "+00:00")),
    instant,
    instant.map((date) => date.getTime()),
  ),
  json: fc.dictionary(text, fc.jsonValue()).map((object) => JSON.stringify(object)),
};

describe("a list page's JSON text", () => {
  for (const [name, view] of Object.entries(VIEWS)) {
    it(`is JSON.stringify of the ${name} views, for any stored values`, () => {
      const columns = viewColumns(view);
      const row = fc.tuple(...columns.kinds.map((kind) => VALUES[kind]));
      fc.assert(
        fc.property(row, (values) => {
          expect(viewJson(columns, values)).toBe(JSON.stringify(viewOf(columns, values)));
        }),
      );
    });
  }
});
