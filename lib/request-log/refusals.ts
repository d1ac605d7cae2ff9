// The refusals an integration meets, for the activity page and the request log's filter.
/** What a refusal means and what fixes it, in one sentence each. */
export const REFUSAL_HELP: Record<string, string> = {
  invalid_api_key: "The key is mistyped, unknown, or its creator left the workspace: check the value the integration sends.",
  api_key_revoked: "Someone revoked the key: give the integration a new one.",
  api_key_expired: "The key passed its expiry date: rotate it, or create a new one.",
  api_key_disabled: "The key is disabled: enable it on its page once it is safe to.",
  plan_required: "The workspace's plan has no API access: upgrade the plan.",
  api_key_policy_blocked: "The key breaks an expiry rule of the key policy: set an expiry on it.",
  ip_not_allowed: "The request came from outside an IP allowlist: add the address to the key's or the workspace's list.",
  insufficient_permissions: "The key lacks a scope the request needs: edit its scopes, or use a key made for that job.",
  rate_limited: "The integration sends more requests per second than the plan allows: slow it down or spread the load.",
  not_found: "The integration asks for records that do not exist (or belong to another workspace).",
  validation_error: "The integration sends bodies the API does not accept: the answer's details name the fields.",
};
