// Reads a service's configuration from the environment once, against one schema, and fails with one
// line naming the variable and how to fix it — never a stack trace.
import Type, { type Static, type TObject } from 'typebox'
import Value from 'typebox/value'

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Keeps only the schema's variables, drops empty strings (unset), converts and applies defaults. */
export function loadConfig<S extends TObject>(schema: S, env: NodeJS.ProcessEnv = process.env): Static<S> {
  const raw: Record<string, string> = {}
  for (const key of Object.keys(schema.properties)) {
    const value = env[key]
    if (value !== undefined && value !== '') raw[key] = value
  }
  const value = Value.Default(schema, Value.Convert(schema, raw)) as Record<string, unknown>
  const problems = [...Value.Errors(schema, value)].flatMap((error) => {
    const missing = (error.params as { requiredProperties?: string[] }).requiredProperties
    if (error.keyword === 'required' && missing)
      return missing.map((name) => describe(schema, name, 'is not set'))
    const name = error.instancePath.replace(/^\//, '')
    return [describe(schema, name, `${error.message} (got "${truncate(raw[name] ?? '')}")`)]
  })
  if (problems.length === 0) return value as Static<S>
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''
  throw new ConfigError(`invalid configuration: ${problems[0]}${more}`)
}

function describe(schema: TObject, name: string, problem: string): string {
  const hint = (schema.properties[name] as { description?: string } | undefined)?.description
  return `${name} ${problem}${hint ? ` — ${hint}` : ''}`
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}

/** The variable names a schema reads (deployment checks compare them with ConfigMaps and Secrets). */
export function configKeys(schema: TObject): string[] {
  return Object.keys(schema.properties)
}

export interface BasicsOptions {
  port: number
  /** What DATABASE_URL must point at, with an example. */
  database: string
  /** What happens without REDIS_URL. */
  withoutRedis: string
}

/** The variables every LiftLog service reads: where to listen, what to log, its database and Redis. */
export function serviceBasics(options: BasicsOptions) {
  return {
    HOST: Type.String({ default: '0.0.0.0', description: 'address to listen on' }),
    PORT: Type.Integer({
      default: options.port,
      minimum: 1,
      maximum: 65535,
      description: `TCP port, e.g. ${options.port}`,
    }),
    METRICS_HOST: Type.Optional(
      Type.String({
        description:
          'address the operator endpoints listen on; unset = HOST (a pod needs them on its IP for probes and scraping; npm start keeps them on 127.0.0.1)',
      }),
    ),
    METRICS_PORT: Type.Integer({
      default: 9100,
      minimum: 0,
      maximum: 65535,
      description:
        'TCP port of the operator endpoints (/metrics, detailed /ready, core /resilience); keep it off the public Service; 0 = any free port',
    }),
    LOG_LEVEL: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
      { default: 'info', description: 'one of fatal, error, warn, info, debug, trace, silent' },
    ),
    DATABASE_URL: Type.String({
      pattern: '^postgres(ql)?://[^\\s/]+/[^\\s/?]+',
      description: options.database,
    }),
    DATABASE_POOL_SIZE: Type.Integer({
      default: 10,
      minimum: 1,
      maximum: 100,
      description: 'connections per process',
    }),
    REDIS_URL: Type.Optional(
      Type.String({
        pattern: '^rediss?://',
        description: `e.g. redis://127.0.0.1:6379/0; unset ${options.withoutRedis}`,
      }),
    ),
    REDIS_KEY_PREFIX: Type.String({
      default: 'liftlog:',
      description: 'prefix of every Redis key this service writes',
    }),
  }
}
