// A key as the API shows it (and as webhooks carry it): its row with creator and disabler, its
// status computed now, and whether the key policy blocks it. No secret is ever part of it.
import type { Prisma } from "../db/generated/sqlite/client";
import { decodePermissions } from "../permissions";
import { decodeIpList } from "../net/ip-allowlist";
import { brokenExpiryRule, POLICY_RULE_MESSAGES, type KeyPolicy } from "../key-policy/schemas";
import { maskKeyPrefix } from "./format";
import type { ApiKeyStatus, ApiKeyView } from "./schemas";

const person = { select: { id: true, name: true, email: true } } as const;
export const keyInclude = {
  createdBy: person,
  disabledBy: person,
  rotatedTo: { select: { id: true } },
} satisfies Prisma.ApiKeyInclude;

export type ApiKeyRow = Prisma.ApiKeyGetPayload<{ include: typeof keyInclude }>;

export function apiKeyStatus(
  key: { revokedAt: Date | null; expiresAt: Date | null; isActive: boolean },
  now = new Date(),
): ApiKeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return "expired";
  return key.isActive ? "active" : "disabled";
}

export function toView(row: ApiKeyRow, policy: KeyPolicy, now = new Date()): ApiKeyView {
  const status = apiKeyStatus(row, now);
  const rule =
    status === "active" || status === "disabled"
      ? brokenExpiryRule(policy, row.expiresAt?.getTime() ?? null, now.getTime())
      : null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    keyPrefix: row.keyPrefix,
    maskedKey: maskKeyPrefix(row.keyPrefix),
    owner: row.owner === "workspace" ? "workspace" : "user",
    userId: row.createdById,
    tenantId: row.workspaceId,
    creator: row.createdBy,
    status,
    isActive: row.isActive,
    disabledReason: row.disabledReason,
    disabledBy: row.disabledBy,
    disabledBySystem: row.disabledBySystem === "idle" || row.disabledBySystem === "leaked" ? row.disabledBySystem : null,
    leak: row.leakedAt
      ? { reportedAt: row.leakedAt.toISOString(), url: row.leakUrl, source: row.leakSource === "github" ? "github" : "report" }
      : null,
    permissions: decodePermissions(row.permissions),
    allowedIps: decodeIpList(row.allowedIps),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    policyBlock: rule ? { rule, message: POLICY_RULE_MESSAGES[rule](policy) } : null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: row.lastUsedIp,
    lastUsedUserAgent: row.lastUsedUa,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedBy: row.revokedById,
    rotatedFromId: row.rotatedFromId,
    rotatedToId: row.rotatedTo?.id ?? null,
  };
}
