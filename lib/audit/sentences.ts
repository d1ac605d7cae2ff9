// The audit log in words: one sentence per event ("Adam Admin disabled the key Airflow - Production
// (reason: paused by ops) from 203.0.113.7") and the fields it changed, before and after where the
// event recorded both. Shared by the audit log page and its CSV export; pure, so unit-tested.
import { RESOURCES } from "../permissions";
import { csvTable } from "../http/csv";
import type { AuditAction, AuditEventView } from "./schemas";

export interface FieldChange {
  field: string;
  before?: string;
  after: string;
}

const text = (value: unknown): string =>
  value === null || value === undefined
    ? "none"
    : Array.isArray(value)
      ? value.length === 0
        ? "none"
        : value.join(", ")
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);

const FIELD_NAMES: Record<string, string> = {
  name: "name",
  permissions: "permissions",
  expiresAt: "expiry",
  allowedIps: "allowed IPs",
  isActive: "enabled",
  disabledReason: "reason",
  memberKeyCreation: "members create keys",
  maxKeysPerMember: "keys per member",
  requireExpiry: "expiry required",
  maxLifetimeDays: "maximum lifetime (days)",
  defaultExpiryDays: "default expiry (days)",
  idleDisableDays: "disable idle keys after (days)",
  leakedKeyAction: "leaked key action",
  url: "URL",
  events: "events",
  description: "description",
  enabled: "enabled",
};

/** The fields an event changed: `{field: {from, to}}` records both, `{field: value}` only the new value. */
export function changesOf(event: Pick<AuditEventView, "metadata">): FieldChange[] {
  const changes = event.metadata.changes;
  if (!changes || typeof changes !== "object") return [];
  return Object.entries(changes as Record<string, unknown>)
    .filter(([field]) => !(field === "disabledReason" || field === "isActive"))
    .map(([field, value]) => {
      const name = FIELD_NAMES[field] ?? field;
      if (value && typeof value === "object" && !Array.isArray(value) && "to" in value) {
        const { from, to } = value as { from: unknown; to: unknown };
        return { field: name, before: text(from), after: text(to) };
      }
      return { field: name, after: text(value) };
    });
}

const resourceLabel = (id: unknown) => (RESOURCES.find((resource) => resource.id === id)?.label ?? "resource").toLowerCase();

type Facts = Record<string, unknown>;
const SENTENCES: Record<AuditAction, (m: Facts) => string> = {
  "api_key.created": (m) => `created the ${m.owner === "workspace" ? "workspace key" : "key"} ${m.name}`,
  "api_key.updated": (m) => `changed the key ${m.name}`,
  "api_key.disabled": (m) => {
    const reason = (m.changes as Facts | undefined)?.disabledReason;
    return `disabled the key ${m.name}${reason ? ` (reason: ${String(reason)})` : ""}`;
  },
  "api_key.enabled": (m) => `enabled the key ${m.name}`,
  "api_key.revoked": (m) => `revoked the key ${m.name}`,
  "api_key.rotated": (m) => `rotated the key ${m.name}; the new key is ${m.newKeyPrefix}`,
  "api_key.auto_disabled": (m) => `disabled the key ${m.name} after ${m.idleDays} idle days`,
  "api_key.leaked": (m) =>
    `${m.action === "none" ? "noted a leak report for the revoked key" : `${m.action} the key`} ${m.name}, reported found${m.url ? ` at ${m.url}` : ""}${m.source === "github" ? " by GitHub secret scanning" : ""}`,
  "member.added": (m) => `added ${m.email} as ${m.role}`,
  "member.invited": (m) => `invited ${m.email} as ${m.role}`,
  "member.joined": (m) => `joined as ${m.role}${m.invitedBy ? `, invited by ${m.invitedBy}` : ""}`,
  "invitation.revoked": (m) => `revoked the invitation for ${m.email}`,
  "member.role_changed": (m) => `changed the role of ${m.email} from ${m.from} to ${m.to}`,
  "member.removed": (m) => `removed ${m.email} (${m.role})`,
  "workspace.created": (m) => `created the workspace ${m.name}`,
  "key_policy.updated": () => "changed the key policy",
  "resource.created": (m) => `created the ${resourceLabel(m.resource)} ${m.name ?? ""}`.trim(),
  "resource.updated": (m) => `changed the ${resourceLabel(m.resource)} ${m.name ?? ""}`.trim(),
  "resource.deleted": (m) => `deleted the ${resourceLabel(m.resource)} ${m.name ?? ""}`.trim(),
  "webhook.created": (m) => `added the webhook endpoint ${m.url}`,
  "webhook.updated": (m) => `changed the webhook endpoint ${m.url}`,
  "webhook.deleted": (m) => `deleted the webhook endpoint ${m.url}`,
  "webhook.secret_rotated": (m) => `rotated the signing secret of ${m.url}`,
  "webhook.disabled": (m) => `disabled the webhook endpoint ${m.url}: ${m.reason}`,
};

/** "Adam Admin disabled the key Airflow (reason: paused) from 203.0.113.7" */
export function auditSentence(event: Pick<AuditEventView, "action" | "actor" | "metadata" | "ip">): string {
  const who = event.actor.type === "system" ? "Keyward" : (event.actor.name ?? "Someone");
  const did = SENTENCES[event.action]?.(event.metadata) ?? event.action;
  return `${who} ${did}${event.ip ? ` from ${event.ip}` : ""}`;
}

/** The audit log's CSV: one line per event, with its sentence and changes in words. */
export function auditCsv(events: readonly AuditEventView[]): string {
  return csvTable(
    [
      { name: "time", value: (event: AuditEventView) => event.createdAt },
      { name: "sentence", value: auditSentence },
      {
        name: "changes",
        value: (event) =>
          changesOf(event)
            .map((change) => `${change.field}: ${change.before !== undefined ? `${change.before} → ` : ""}${change.after}`)
            .join("; "),
      },
      { name: "action", value: (event) => event.action },
      { name: "actorType", value: (event) => event.actor.type },
      { name: "actorId", value: (event) => event.actor.id },
      { name: "targetType", value: (event) => event.target.type },
      { name: "targetId", value: (event) => event.target.id },
      { name: "ip", value: (event) => event.ip },
    ],
    events,
  );
}
