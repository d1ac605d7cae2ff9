import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, type AuditEventView } from "@/lib/audit/schemas";
import { auditCsv, auditSentence, changesOf } from "@/lib/audit/sentences";

const event = (action: AuditEventView["action"], metadata: Record<string, unknown>, extra: Partial<AuditEventView> = {}) =>
  ({
    id: "e1",
    action,
    actor: { type: "user", id: "u1", name: "Adam Admin", email: "admin@acme.test" },
    target: { type: "api_key", id: "k1" },
    metadata,
    ip: "203.0.113.7",
    createdAt: "2026-12-01T10:00:00.000Z",
    ...extra,
  }) as AuditEventView;

describe("audit sentences", () => {
  it("says who did what to which key, why, and from where", () => {
    expect(
      auditSentence(
        event("api_key.disabled", {
          name: "Airflow - Production",
          changes: { isActive: false, disabledReason: "paused by ops" },
        }),
      ),
    ).toBe("Adam Admin disabled the key Airflow - Production (reason: paused by ops) from 203.0.113.7");
    expect(
      auditSentence(
        event(
          "api_key.auto_disabled",
          { name: "Old job", idleDays: 90 },
          { actor: { type: "system", id: "scheduler", name: "x", email: null }, ip: null },
        ),
      ),
    ).toBe("Keyward disabled the key Old job after 90 idle days");
    expect(
      auditSentence(event("member.role_changed", { email: "sam@acme.test", from: "MEMBER", to: "ADMIN" }, { ip: null })),
    ).toBe("Adam Admin changed the role of sam@acme.test from MEMBER to ADMIN");
  });

  it("has a sentence for every action", () => {
    for (const action of AUDIT_ACTIONS) expect(auditSentence(event(action, {}))).not.toContain(action);
  });

  it("lists changes, before and after where both were recorded", () => {
    expect(changesOf(event("key_policy.updated", { changes: { maxLifetimeDays: { from: null, to: 90 } } }))).toEqual([
      { field: "maximum lifetime (days)", before: "none", after: "90" },
    ]);
    expect(
      changesOf(event("api_key.updated", { changes: { name: "New", permissions: ["source:read", "source:create"] } })),
    ).toEqual([
      { field: "name", after: "New" },
      { field: "permissions", after: "source:read, source:create" },
    ]);
  });

  it("exports sentences as CSV that a spreadsheet cannot run", () => {
    const text = auditCsv([event("api_key.created", { name: '=HYPERLINK("x")' })]);
    expect(text.split("\r\n")[0]).toBe("time,sentence,changes,action,actorType,actorId,targetType,targetId,ip");
    expect(text).toContain('"Adam Admin created the key =HYPERLINK(""x"") from 203.0.113.7"');
    const formula = auditCsv([
      event("api_key.created", { name: "x" }, { actor: { type: "user", id: "=cmd", name: "A", email: null } }),
    ]);
    expect(formula).toContain(",'=cmd,");
  });
});
