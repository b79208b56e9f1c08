-- Body weight (issue 17): one entry per lifter per local date, the weight kept as typed (unit + exact kg,
-- like workout_sets since 20261202131420_weights_as_typed), with an optional note.

-- CreateTable
CREATE TABLE "body_weights" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "local_date" DATE NOT NULL,
    "weight_kg" DECIMAL(14,10) NOT NULL,
    "weight_unit" "WeightUnit" NOT NULL,
    "note" VARCHAR(500),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "body_weights_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "body_weights_user_id_local_date_key" ON "body_weights"("user_id", "local_date");

-- AddForeignKey
ALTER TABLE "body_weights" ADD CONSTRAINT "body_weights_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Only weights typed with at most two decimals in their unit, and only plausible body weights.
ALTER TABLE "body_weights" ADD CONSTRAINT "body_weights_weight_as_typed" CHECK (
    CASE weight_unit
        WHEN 'kg' THEN weight_kg = round(weight_kg, 2)
        ELSE weight_kg / 0.45359237 = round(weight_kg / 0.45359237, 2)
    END
);
ALTER TABLE "body_weights" ADD CONSTRAINT "body_weights_weight_range" CHECK (weight_kg BETWEEN 20 AND 500);
ALTER TABLE "body_weights" ADD CONSTRAINT "body_weights_note_not_blank" CHECK (note IS NULL OR btrim(note) <> '');

-- stats-service reads it for the body-weight trend. The init migration's default privileges grant this
-- already; say it here so the table's readers are written next to it (see 20261202133000_stats_login_read_only).
GRANT SELECT ON "body_weights" TO liftlog_readonly;
