// Writes training histories straight into a test database as the owner, the way core-service stores
// them: workouts.local_date is the start instant's date in the lifter's zone (computed here with luxon,
// independently of the service), sets carry the workout's user_id and started_at, and every write bumps
// users.data_version in the same transaction.
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import pg from 'pg'

export interface SetInput {
  exercise: string // catalog key or exercise id
  reps: number
  /** The weight typed in kg… */
  kg?: number
  /** …or in lb (stored as exact kilograms, lb × 0.45359237, as core does). */
  lb?: number
  warmup?: boolean
}

export class Fixtures {
  readonly #exerciseIds = new Map<string, string>()

  private constructor(readonly client: pg.Client) {}

  static async connect(url: string): Promise<Fixtures> {
    const u = new URL(url)
    const client = new pg.Client({
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username) || 'postgres',
      database: u.pathname.slice(1),
    })
    await client.connect()
    return new Fixtures(client)
  }

  close() {
    return this.client.end()
  }

  async user(options: { timeZone?: string; unit?: 'kg' | 'lb' } = {}): Promise<string> {
    const id = randomUUID()
    await this.client.query(
      `INSERT INTO users (id, username, password_hash, display_name, time_zone, unit, updated_at)
       VALUES ($1, $2, 'x', 'Test Lifter', $3, $4, now())`,
      [id, `u_${id.slice(0, 8)}`, options.timeZone ?? 'UTC', options.unit ?? 'kg'],
    )
    return id
  }

  async exerciseId(keyOrId: string): Promise<string> {
    if (/^[0-9a-f-]{36}$/.test(keyOrId)) return keyOrId
    const known = this.#exerciseIds.get(keyOrId)
    if (known) return known
    const { rows } = await this.client.query<{ id: string }>(
      'SELECT id FROM exercises WHERE catalog_key = $1',
      [keyOrId],
    )
    if (!rows[0]) throw new Error(`no catalog exercise ${keyOrId}`)
    this.#exerciseIds.set(keyOrId, rows[0].id)
    return rows[0].id
  }

  async customExercise(
    ownerId: string,
    name: string,
    muscleGroup = 'forearms',
    isBodyweight = false,
  ): Promise<string> {
    const { rows } = await this.client.query<{ id: string }>(
      `INSERT INTO exercises (id, owner_id, name, category, muscle_group, equipment, is_bodyweight, updated_at)
       VALUES ($1, $2, $3, 'arms', $4, 'other', $5, now()) RETURNING id`,
      [randomUUID(), ownerId, name, muscleGroup, isBodyweight],
    )
    return rows[0]!.id
  }

  async timeZoneOf(userId: string): Promise<string> {
    const { rows } = await this.client.query<{ time_zone: string }>(
      'SELECT time_zone FROM users WHERE id = $1',
      [userId],
    )
    return rows[0]!.time_zone
  }

  /** A body-weight entry of a local date, typed in kg or lb (stored as exact kilograms, as core does). */
  async bodyWeight(userId: string, date: string, weight: { kg?: number; lb?: number }): Promise<void> {
    const unit = weight.lb === undefined ? 'kg' : 'lb'
    await this.client.query('BEGIN')
    try {
      await this.client.query(
        `INSERT INTO body_weights (id, user_id, local_date, weight_kg, weight_unit)
         VALUES ($1, $2, $3, CASE WHEN $5 = 'lb' THEN $4::numeric * 0.45359237 ELSE $4::numeric END, $5::"WeightUnit")
         ON CONFLICT (user_id, local_date) DO UPDATE SET weight_kg = EXCLUDED.weight_kg, weight_unit = EXCLUDED.weight_unit`,
        [randomUUID(), userId, date, weight.lb ?? weight.kg, unit],
      )
      await this.client.query('UPDATE users SET data_version = data_version + 1 WHERE id = $1', [userId])
      await this.client.query('COMMIT')
    } catch (error) {
      await this.client.query('ROLLBACK')
      throw error
    }
  }

  /** A workout starting at `startedAt` (ISO with offset, or UTC 'Z'), local_date in the lifter's zone. */
  async workout(
    userId: string,
    startedAt: string,
    sets: SetInput[],
  ): Promise<{ id: string; localDate: string }> {
    const zone = await this.timeZoneOf(userId)
    const instant = DateTime.fromISO(startedAt, { setZone: true })
    if (!instant.isValid) throw new Error(`bad instant ${startedAt}`)
    const localDate = instant.setZone(zone).toISODate() as string
    const id = randomUUID()
    await this.client.query('BEGIN')
    try {
      await this.client.query(
        'INSERT INTO workouts (id, user_id, started_at, local_date, updated_at) VALUES ($1, $2, $3, $4, now())',
        [id, userId, instant.toISO(), localDate],
      )
      for (const [position, set] of sets.entries()) {
        await this.client.query(
          `INSERT INTO workout_sets (id, workout_id, exercise_id, user_id, started_at, position, reps, weight_kg, is_warmup, weight_unit)
           VALUES ($1, $2, $3, $4, $5, $6, $7,
                   CASE WHEN $10 = 'lb' THEN $8::numeric * 0.45359237 ELSE $8::numeric END, $9, $10::"WeightUnit")`,
          [
            randomUUID(),
            id,
            await this.exerciseId(set.exercise),
            userId,
            instant.toISO(),
            position,
            set.reps,
            set.lb ?? set.kg ?? 0,
            set.warmup ?? false,
            set.lb === undefined ? 'kg' : 'lb',
          ],
        )
      }
      await this.client.query('UPDATE users SET data_version = data_version + 1 WHERE id = $1', [userId])
      await this.client.query('COMMIT')
    } catch (error) {
      await this.client.query('ROLLBACK')
      throw error
    }
    return { id, localDate }
  }
}
