// The built-in exercise catalog every lifter starts with. Keys are stable forever (the seed upserts by
// them), so rename an exercise here freely but never change or reuse a key.
import type { Equipment, ExerciseCategory } from '../generated/prisma/enums.ts'

export interface CatalogExercise {
  key: string
  name: string
  category: ExerciseCategory
  muscleGroup: string
  equipment: Equipment
  isBodyweight?: boolean
}

type Row = [key: string, name: string, category: ExerciseCategory, muscleGroup: string, equipment: Equipment]

// Bodyweight movements log reps with weight 0 or added load; stats tracks them by reps.
const rows: Row[] = [
  ['barbell-bench-press', 'Bench Press', 'chest', 'chest', 'barbell'],
  ['barbell-incline-bench-press', 'Incline Bench Press', 'chest', 'chest', 'barbell'],
  ['barbell-decline-bench-press', 'Decline Bench Press', 'chest', 'chest', 'barbell'],
  ['barbell-close-grip-bench-press', 'Close-Grip Bench Press', 'arms', 'triceps', 'barbell'],
  ['barbell-back-squat', 'Squat', 'legs', 'quadriceps', 'barbell'],
  ['barbell-front-squat', 'Front Squat', 'legs', 'quadriceps', 'barbell'],
  ['barbell-deadlift', 'Deadlift', 'back', 'lower back', 'barbell'],
  ['barbell-romanian-deadlift', 'Romanian Deadlift', 'legs', 'hamstrings', 'barbell'],
  ['barbell-sumo-deadlift', 'Sumo Deadlift', 'legs', 'glutes', 'barbell'],
  ['barbell-overhead-press', 'Overhead Press', 'shoulders', 'shoulders', 'barbell'],
  ['barbell-push-press', 'Push Press', 'shoulders', 'shoulders', 'barbell'],
  ['barbell-bent-over-row', 'Barbell Row', 'back', 'upper back', 'barbell'],
  ['barbell-pendlay-row', 'Pendlay Row', 'back', 'upper back', 'barbell'],
  ['barbell-curl', 'Barbell Curl', 'arms', 'biceps', 'barbell'],
  ['barbell-skull-crusher', 'Skull Crusher', 'arms', 'triceps', 'barbell'],
  ['barbell-hip-thrust', 'Hip Thrust', 'legs', 'glutes', 'barbell'],
  ['barbell-lunge', 'Barbell Lunge', 'legs', 'quadriceps', 'barbell'],
  ['barbell-good-morning', 'Good Morning', 'legs', 'hamstrings', 'barbell'],
  ['barbell-shrug', 'Barbell Shrug', 'back', 'trapezius', 'barbell'],
  ['barbell-power-clean', 'Power Clean', 'full_body', 'full body', 'barbell'],
  ['barbell-snatch', 'Snatch', 'full_body', 'full body', 'barbell'],
  ['barbell-clean-and-jerk', 'Clean and Jerk', 'full_body', 'full body', 'barbell'],
  ['dumbbell-bench-press', 'Dumbbell Bench Press', 'chest', 'chest', 'dumbbell'],
  ['dumbbell-incline-bench-press', 'Incline Dumbbell Press', 'chest', 'chest', 'dumbbell'],
  ['dumbbell-fly', 'Dumbbell Fly', 'chest', 'chest', 'dumbbell'],
  ['dumbbell-shoulder-press', 'Dumbbell Shoulder Press', 'shoulders', 'shoulders', 'dumbbell'],
  ['dumbbell-lateral-raise', 'Lateral Raise', 'shoulders', 'shoulders', 'dumbbell'],
  ['dumbbell-rear-delt-fly', 'Rear Delt Fly', 'shoulders', 'shoulders', 'dumbbell'],
  ['dumbbell-row', 'Dumbbell Row', 'back', 'upper back', 'dumbbell'],
  ['dumbbell-curl', 'Dumbbell Curl', 'arms', 'biceps', 'dumbbell'],
  ['dumbbell-hammer-curl', 'Hammer Curl', 'arms', 'biceps', 'dumbbell'],
  ['dumbbell-triceps-extension', 'Overhead Triceps Extension', 'arms', 'triceps', 'dumbbell'],
  ['dumbbell-goblet-squat', 'Goblet Squat', 'legs', 'quadriceps', 'dumbbell'],
  ['dumbbell-bulgarian-split-squat', 'Bulgarian Split Squat', 'legs', 'quadriceps', 'dumbbell'],
  ['dumbbell-walking-lunge', 'Walking Lunge', 'legs', 'quadriceps', 'dumbbell'],
  ['dumbbell-shrug', 'Dumbbell Shrug', 'back', 'trapezius', 'dumbbell'],
  ['machine-leg-press', 'Leg Press', 'legs', 'quadriceps', 'machine'],
  ['machine-leg-extension', 'Leg Extension', 'legs', 'quadriceps', 'machine'],
  ['machine-leg-curl', 'Leg Curl', 'legs', 'hamstrings', 'machine'],
  ['machine-calf-raise', 'Standing Calf Raise', 'legs', 'calves', 'machine'],
  ['machine-seated-calf-raise', 'Seated Calf Raise', 'legs', 'calves', 'machine'],
  ['machine-chest-press', 'Machine Chest Press', 'chest', 'chest', 'machine'],
  ['machine-pec-deck', 'Pec Deck', 'chest', 'chest', 'machine'],
  ['machine-shoulder-press', 'Machine Shoulder Press', 'shoulders', 'shoulders', 'machine'],
  ['machine-hack-squat', 'Hack Squat', 'legs', 'quadriceps', 'machine'],
  ['machine-smith-squat', 'Smith Machine Squat', 'legs', 'quadriceps', 'machine'],
  ['machine-hip-abduction', 'Hip Abduction', 'legs', 'glutes', 'machine'],
  ['cable-lat-pulldown', 'Lat Pulldown', 'back', 'lats', 'cable'],
  ['cable-seated-row', 'Seated Cable Row', 'back', 'upper back', 'cable'],
  ['cable-face-pull', 'Face Pull', 'shoulders', 'shoulders', 'cable'],
  ['cable-triceps-pushdown', 'Triceps Pushdown', 'arms', 'triceps', 'cable'],
  ['cable-curl', 'Cable Curl', 'arms', 'biceps', 'cable'],
  ['cable-crossover', 'Cable Crossover', 'chest', 'chest', 'cable'],
  ['cable-crunch', 'Cable Crunch', 'core', 'abs', 'cable'],
  ['cable-woodchopper', 'Cable Woodchopper', 'core', 'obliques', 'cable'],
  ['kettlebell-swing', 'Kettlebell Swing', 'full_body', 'glutes', 'kettlebell'],
  ['kettlebell-turkish-get-up', 'Turkish Get-Up', 'full_body', 'full body', 'kettlebell'],
  ['band-pull-apart', 'Band Pull-Apart', 'shoulders', 'shoulders', 'band'],
]

const bodyweightRows: Row[] = [
  ['bodyweight-pull-up', 'Pull-Up', 'back', 'lats', 'bodyweight'],
  ['bodyweight-chin-up', 'Chin-Up', 'back', 'lats', 'bodyweight'],
  ['bodyweight-push-up', 'Push-Up', 'chest', 'chest', 'bodyweight'],
  ['bodyweight-dip', 'Dip', 'chest', 'triceps', 'bodyweight'],
  ['bodyweight-inverted-row', 'Inverted Row', 'back', 'upper back', 'bodyweight'],
  ['bodyweight-squat', 'Bodyweight Squat', 'legs', 'quadriceps', 'bodyweight'],
  ['bodyweight-pistol-squat', 'Pistol Squat', 'legs', 'quadriceps', 'bodyweight'],
  ['bodyweight-lunge', 'Bodyweight Lunge', 'legs', 'quadriceps', 'bodyweight'],
  ['bodyweight-glute-bridge', 'Glute Bridge', 'legs', 'glutes', 'bodyweight'],
  ['bodyweight-plank', 'Plank', 'core', 'abs', 'bodyweight'],
  ['bodyweight-hanging-leg-raise', 'Hanging Leg Raise', 'core', 'abs', 'bodyweight'],
  ['bodyweight-sit-up', 'Sit-Up', 'core', 'abs', 'bodyweight'],
  ['bodyweight-back-extension', 'Back Extension', 'back', 'lower back', 'bodyweight'],
  ['bodyweight-burpee', 'Burpee', 'cardio', 'full body', 'bodyweight'],
  ['bodyweight-muscle-up', 'Muscle-Up', 'full_body', 'lats', 'bodyweight'],
]

function toExercise(
  [key, name, category, muscleGroup, equipment]: Row,
  isBodyweight: boolean,
): CatalogExercise {
  return { key, name, category, muscleGroup, equipment, isBodyweight }
}

export const exerciseCatalog: readonly CatalogExercise[] = [
  ...rows.map((row) => toExercise(row, false)),
  ...bodyweightRows.map((row) => toExercise(row, true)),
]
