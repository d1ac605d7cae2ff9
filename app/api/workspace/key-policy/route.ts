import { withWorkspace } from "@/lib/http/with-workspace";
import { readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { keyPolicySchema } from "@/lib/key-policy/schemas";
import { getKeyPolicy, updateKeyPolicy } from "@/lib/key-policy/service";

export const GET = withWorkspace({ requires: "policy:read" }, async ({ caller }) => json(await getKeyPolicy(caller)));

/** Replaces the whole policy. */
export const PUT = withWorkspace({ requires: "policy:manage" }, async ({ req, caller }) =>
  json(await updateKeyPolicy(caller, await readJson(req, keyPolicySchema))),
);
