// The banner on the API keys page for keys reported found in public in the last 14 days: which key,
// where it was found, and what Keyward did about it.
import Link from "next/link";
import type { ApiKeyView } from "@/lib/api-keys/schemas";
import { absoluteTime, relativeTime } from "../ui/format";

export function LeakBanner({ slug, keys }: { slug: string; keys: ApiKeyView[] }) {
  if (keys.length === 0) return null;
  return (
    <div
      role="alert"
      data-testid="leak-banner"
      className="mb-6 rounded-lg bg-red-50 p-4 text-sm text-red-900 ring-1 ring-red-200"
    >
      <p className="font-semibold">
        {keys.length === 1 ? "A key was found in public" : `${keys.length} keys were found in public`}
      </p>
      <ul className="mt-2 space-y-1">
        {keys.map((key) => (
          <li key={key.id} className="break-words">
            <Link href={`/w/${slug}/settings/api-keys/${key.id}`} className="font-medium underline">
              {key.name}
            </Link>{" "}
            ({key.keyPrefix}) was reported{" "}
            <time dateTime={key.leak!.reportedAt} title={absoluteTime(key.leak!.reportedAt)}>
              {relativeTime(key.leak!.reportedAt)}
            </time>
            {key.leak!.source === "github" ? " by GitHub secret scanning" : ""}
            {key.leak!.url ? (
              <>
                {" "}
                at <span className="break-all font-mono text-xs">{key.leak!.url}</span>
              </>
            ) : null}{" "}
            and is now {key.status === "revoked" ? "revoked" : key.status}. Create a replacement and remove the key from where it
            was published.
          </li>
        ))}
      </ul>
    </div>
  );
}
