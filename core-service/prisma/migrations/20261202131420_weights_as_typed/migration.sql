-- Weights as typed: each set keeps the unit it was typed in and its exact kilograms, so 185 lb reads
-- back as 185 lb (it was 83.91 kg, i.e. 184.99 lb). The typed value is weight_kg in weight_unit.

-- AlterTable
ALTER TABLE "workout_sets" ADD COLUMN     "weight_unit" "WeightUnit" NOT NULL DEFAULT 'kg',
ALTER COLUMN "weight_kg" SET DATA TYPE DECIMAL(14,10);

-- Existing rows were typed in their lifter's unit and stored rounded to 0.01 kg. For a lifter whose unit
-- is lb, a set whose kilograms are what a plate-like lb weight (a multiple of 1, 0.5, 0.25, 0.1 or 0.05
-- lb, tried in that order) rounds to is recognised as that weight, e.g. 83.91 kg → 185 lb, 62.37 kg →
-- 137.5 lb, and stored exactly (83.91458845 kg). Anything else, and every set of a kg lifter, stays in kg
-- exactly as stored, so no set loses anything it had. Each step is 0.0227 kg or more apart, wider than the
-- 0.01 kg rounding, so at most one weight per step matches.
WITH recognised AS (
    SELECT s.id,
           (SELECT round(s.weight_kg / 0.45359237 / step.lb) * step.lb
            FROM unnest(ARRAY[1, 0.5, 0.25, 0.1, 0.05]::numeric[]) WITH ORDINALITY AS step(lb, n)
            WHERE round(round(s.weight_kg / 0.45359237 / step.lb) * step.lb * 0.45359237, 2) = s.weight_kg
            ORDER BY step.n LIMIT 1) AS lb
    FROM "workout_sets" s JOIN "users" u ON u.id = s.user_id
    WHERE u.unit = 'lb'
)
UPDATE "workout_sets" s SET weight_unit = 'lb', weight_kg = r.lb * 0.45359237
FROM recognised r WHERE r.id = s.id AND r.lb IS NOT NULL;

-- Their kilograms moved by less than 0.005 kg: stats caches key on data_version, so bump it.
UPDATE "users" SET data_version = data_version + 1 WHERE unit = 'lb';

-- Only weights typed with at most two decimals in their unit can be stored.
ALTER TABLE "workout_sets" ADD CONSTRAINT "workout_sets_weight_as_typed" CHECK (
    CASE weight_unit
        WHEN 'kg' THEN weight_kg = round(weight_kg, 2)
        ELSE weight_kg / 0.45359237 = round(weight_kg / 0.45359237, 2)
    END
);
