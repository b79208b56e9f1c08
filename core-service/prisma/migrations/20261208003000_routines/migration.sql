-- Routines (issue 16): a lifter's named plan of ordered exercises, each with target sets × reps × weight and
-- an optional rest, from which a live workout starts prefilled. Nothing here is a logged set, so no stats
-- trigger or data_version bump is involved.

-- CreateTable
CREATE TABLE "routines" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "routines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "routine_exercises" (
    "id" UUID NOT NULL,
    "routine_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "exercise_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "sets" INTEGER NOT NULL,
    "reps" INTEGER NOT NULL,
    "weight_kg" DECIMAL(14,10),
    "weight_unit" "WeightUnit" NOT NULL DEFAULT 'kg',
    "rest_seconds" INTEGER,

    CONSTRAINT "routine_exercises_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "routines_user_id_name_idx" ON "routines"("user_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "routine_exercises_routine_id_position_key" ON "routine_exercises"("routine_id", "position");

-- CreateIndex
CREATE INDEX "routine_exercises_exercise_id_idx" ON "routine_exercises"("exercise_id");

-- AddForeignKey
ALTER TABLE "routines" ADD CONSTRAINT "routines_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "routine_exercises" ADD CONSTRAINT "routine_exercises_routine_id_fkey" FOREIGN KEY ("routine_id") REFERENCES "routines"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey (cascade: only an exercise with no sets is ever deleted, and deleting an account cascades
-- its custom exercises and routines in one statement, which NO ACTION could fail on mid-cascade)
ALTER TABLE "routine_exercises" ADD CONSTRAINT "routine_exercises_exercise_id_fkey" FOREIGN KEY ("exercise_id") REFERENCES "exercises"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The same bounds a logged set has (workouts/input.ts LIMITS), and no weight without a unit's meaning.
ALTER TABLE "routine_exercises" ADD CONSTRAINT "routine_exercises_targets" CHECK (
    sets BETWEEN 1 AND 30 AND reps BETWEEN 0 AND 1000
    AND (weight_kg IS NULL OR (weight_kg >= 0 AND weight_kg <= 2000))
    AND (rest_seconds IS NULL OR rest_seconds BETWEEN 0 AND 3600)
);
