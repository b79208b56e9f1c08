-- CreateTable
CREATE TABLE "import_plans" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "format" VARCHAR(16) NOT NULL,
    "plan" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_plans_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_plans_user_id_created_at_idx" ON "import_plans"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "import_plans_created_at_idx" ON "import_plans"("created_at");

-- AddForeignKey
ALTER TABLE "import_plans" ADD CONSTRAINT "import_plans_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- stats-service only reads lifters' logged numbers; an upload not yet confirmed is none of its business
-- (the initial migration's default privileges would otherwise let liftlog_readonly read this table).
REVOKE ALL ON TABLE "import_plans" FROM liftlog_readonly;
