-- CreateTable
CREATE TABLE "sessions" (
    "id_hash" CHAR(64) NOT NULL,
    "data" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id_hash")
);

-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

-- stats-service only reads lifters' numbers; sessions are none of its business (the initial migration's
-- default privileges would otherwise let liftlog_readonly read this table too).
REVOKE ALL ON TABLE "sessions" FROM liftlog_readonly;
