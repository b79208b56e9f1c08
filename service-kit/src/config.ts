// Reads a service's configuration from the environment once, against one schema, and fails with one
// line naming the variable and how to fix it — never a stack trace.
import type { Static, TObject } from 'typebox'
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
