-- DropForeignKey
ALTER TABLE "ApiKey" DROP CONSTRAINT "ApiKey_createdById_fkey";

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "allowedIps" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "owner" TEXT NOT NULL DEFAULT 'user',
ALTER COLUMN "createdById" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "keyLock" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "KeyPolicy" (
    "workspaceId" TEXT NOT NULL,
    "memberKeyCreation" BOOLEAN NOT NULL DEFAULT true,
    "maxKeysPerMember" INTEGER,
    "requireExpiry" BOOLEAN NOT NULL DEFAULT false,
    "maxLifetimeDays" INTEGER,
    "defaultExpiryDays" INTEGER,
    "allowedIps" TEXT NOT NULL DEFAULT '',
    "idleDisableDays" INTEGER,
    "leakedKeyAction" TEXT NOT NULL DEFAULT 'revoke',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KeyPolicy_pkey" PRIMARY KEY ("workspaceId")
);

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_owner_idx" ON "ApiKey"("workspaceId", "owner");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyPolicy" ADD CONSTRAINT "KeyPolicy_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
