// The workspace key policy: read by every member (the create form needs it), changed by owners and
// admins, audited, and in force on every instance from the next request (the verified-key cache of
// the workspace is dropped everywhere). The API key service asks it what a create or edit may do.
import { ApiError, invalidField } from "../errors";
import { getDb, type DbTransaction } from "../db/client";
import { requireCapability, type WorkspaceCaller } from "../auth/caller";
import { recordAudit } from "../audit/service";
import { workspaceChanged } from "../api-keys/events";
import { keyInclude, toView } from "../api-keys/view";
import { queueWebhookEvent } from "../webhooks/outbox";
import { decodeIpList, encodeIpList } from "../net/ip-allowlist";
import { planOf } from "../plans";
import { brokenExpiryRule, DEFAULT_KEY_POLICY, POLICY_RULE_MESSAGES, type KeyPolicy, type PolicyRule } from "./schemas";

type Reader = DbTransaction | ReturnType<typeof getDb>;

/** A workspace's policy, the defaults when it has none. Callers check access (or need none: key creation). */
export async function readKeyPolicy(db: Reader, workspaceId: string): Promise<KeyPolicy> {
  const row = await db.keyPolicy.findUnique({ where: { workspaceId } });
  if (!row) return DEFAULT_KEY_POLICY;
  return {
    memberKeyCreation: row.memberKeyCreation,
    maxKeysPerMember: row.maxKeysPerMember,
    requireExpiry: row.requireExpiry,
    maxLifetimeDays: row.maxLifetimeDays,
    defaultExpiryDays: row.defaultExpiryDays,
    allowedIps: decodeIpList(row.allowedIps),
    idleDisableDays: row.idleDisableDays,
    leakedKeyAction: row.leakedKeyAction === "disable" ? "disable" : "revoke",
  };
}

export async function getKeyPolicy(caller: WorkspaceCaller): Promise<KeyPolicy> {
  requireCapability(caller, "policy:read");
  return readKeyPolicy(getDb(), caller.workspaceId);
}

export async function updateKeyPolicy(caller: WorkspaceCaller, input: KeyPolicy): Promise<KeyPolicy> {
  requireCapability(caller, "policy:manage");
  const planLimit = planOf(caller.plan).maxActiveKeysPerUser;
  if (input.maxKeysPerMember !== null && input.maxKeysPerMember > planLimit) {
    throw invalidField("maxKeysPerMember", `The ${planOf(caller.plan).name} plan allows at most ${planLimit} keys per member`);
  }
  const data = { ...input, allowedIps: encodeIpList(input.allowedIps) };
  await getDb().$transaction(async (tx) => {
    const before = await readKeyPolicy(tx, caller.workspaceId);
    await tx.keyPolicy.upsert({
      where: { workspaceId: caller.workspaceId },
      create: { workspaceId: caller.workspaceId, ...data },
      update: data,
    });
    const changes = Object.fromEntries(
      (Object.keys(input) as (keyof KeyPolicy)[])
        .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(input[field]))
        .map((field) => [field, { from: before[field], to: input[field] }]),
    );
    await recordAudit(tx, caller, {
      action: "key_policy.updated",
      targetType: "workspace",
      targetId: caller.workspaceId,
      metadata: { changes },
    });
    await queueWebhookEvent(tx, caller.workspaceId, "key_policy.updated", { policy: input, changes });
    if ("requireExpiry" in changes || "maxLifetimeDays" in changes)
      await announceBlockedKeys(tx, caller.workspaceId, before, input);
  });
  // Expiry rules and the workspace allowlist are cached with every verified key of the workspace.
  await workspaceChanged(caller.workspaceId);
  return input;
}

/**
 * api_key.policy_blocked for every live key the new policy blocks and the old one did not: told at
 * the change, in its transaction, never found out on the request path.
 */
async function announceBlockedKeys(tx: DbTransaction, workspaceId: string, before: KeyPolicy, after: KeyPolicy) {
  const now = new Date();
  const live = await tx.apiKey.findMany({
    where: { workspaceId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    include: keyInclude,
  });
  for (const key of live) {
    const expiry = key.expiresAt?.getTime() ?? null;
    const rule = brokenExpiryRule(after, expiry, now.getTime());
    if (!rule || brokenExpiryRule(before, expiry, now.getTime()) === rule) continue;
    await queueWebhookEvent(tx, workspaceId, "api_key.policy_blocked", {
      apiKey: toView(key, after, now),
      rule,
      message: POLICY_RULE_MESSAGES[rule](after),
    });
  }
}

export function policyViolation(policy: KeyPolicy, rule: PolicyRule): ApiError {
  return new ApiError("key_policy_violation", POLICY_RULE_MESSAGES[rule](policy), { details: { rule } });
}

/** 400 key_policy_violation when an expiry (after the default is applied) breaks the policy. */
export function assertExpiryAllowed(policy: KeyPolicy, expiresAt: Date | null, now: Date): void {
  const rule = brokenExpiryRule(policy, expiresAt?.getTime() ?? null, now.getTime());
  if (rule) throw policyViolation(policy, rule);
}

/** The expiry a new key gets: the one asked for (null is "none"), or the policy's default when omitted. */
export function expiryForNewKey(policy: KeyPolicy, requested: Date | null | undefined, now: Date): Date | null {
  if (requested !== undefined) return requested;
  if (policy.defaultExpiryDays === null) return null;
  return new Date(now.getTime() + policy.defaultExpiryDays * 24 * 60 * 60 * 1000);
}
