-- CreateTable
CREATE TABLE "KeyPolicy" (
    "workspaceId" TEXT NOT NULL PRIMARY KEY,
    "memberKeyCreation" BOOLEAN NOT NULL DEFAULT true,
    "maxKeysPerMember" INTEGER,
    "requireExpiry" BOOLEAN NOT NULL DEFAULT false,
    "maxLifetimeDays" INTEGER,
    "defaultExpiryDays" INTEGER,
    "allowedIps" TEXT NOT NULL DEFAULT '',
    "idleDisableDays" INTEGER,
    "leakedKeyAction" TEXT NOT NULL DEFAULT 'revoke',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KeyPolicy_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "owner" TEXT NOT NULL DEFAULT 'user',
    "createdById" TEXT,
    "name" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "permissions" TEXT NOT NULL,
    "allowedIps" TEXT NOT NULL DEFAULT '',
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "disabledById" TEXT,
    "expiresAt" DATETIME,
    "lastUsedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "rotatedFromId" TEXT,
    CONSTRAINT "ApiKey_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ApiKey_disabledById_fkey" FOREIGN KEY ("disabledById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ApiKey_rotatedFromId_fkey" FOREIGN KEY ("rotatedFromId") REFERENCES "ApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ApiKey" ("createdAt", "createdById", "disabledById", "disabledReason", "expiresAt", "id", "isActive", "keyPrefix", "lastUsedAt", "name", "permissions", "revokedAt", "revokedById", "rotatedFromId", "secretHash", "updatedAt", "workspaceId") SELECT "createdAt", "createdById", "disabledById", "disabledReason", "expiresAt", "id", "isActive", "keyPrefix", "lastUsedAt", "name", "permissions", "revokedAt", "revokedById", "rotatedFromId", "secretHash", "updatedAt", "workspaceId" FROM "ApiKey";
DROP TABLE "ApiKey";
ALTER TABLE "new_ApiKey" RENAME TO "ApiKey";
CREATE UNIQUE INDEX "ApiKey_keyPrefix_key" ON "ApiKey"("keyPrefix");
CREATE UNIQUE INDEX "ApiKey_rotatedFromId_key" ON "ApiKey"("rotatedFromId");
CREATE INDEX "ApiKey_workspaceId_createdById_idx" ON "ApiKey"("workspaceId", "createdById");
CREATE INDEX "ApiKey_workspaceId_owner_idx" ON "ApiKey"("workspaceId", "owner");
CREATE TABLE "new_Workspace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "plan" TEXT NOT NULL,
    "keyLock" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Workspace" ("createdAt", "id", "name", "plan", "slug") SELECT "createdAt", "id", "name", "plan", "slug" FROM "Workspace";
DROP TABLE "Workspace";
ALTER TABLE "new_Workspace" RENAME TO "Workspace";
CREATE UNIQUE INDEX "Workspace_slug_key" ON "Workspace"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
