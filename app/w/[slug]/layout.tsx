import { Sidebar } from "@/components/shell/sidebar";
import { workspacePageContext } from "@/lib/workspaces/page-context";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const { user, workspace, workspaces } = await workspacePageContext(slug);
  return (
    <div className="min-h-screen lg:flex">
      <Sidebar user={user} workspace={workspace} workspaces={workspaces} />
      <main className="min-w-0 flex-1 px-4 py-6 sm:px-8 lg:px-10">{children}</main>
    </div>
  );
}
