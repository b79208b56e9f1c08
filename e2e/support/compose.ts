// Reads docker-compose.yml the way `docker compose` does (YAML merge keys, ${VAR} interpolation from
// .env) and validates it against the Compose Specification schema shipped with dclint.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { parse } from 'yaml'
import { repoRoot } from './k8s-tools.ts'
import type { K8sObject } from './manifests.ts'

export const composeFile = path.join(repoRoot, 'docker-compose.yml')
export const envExampleFile = path.join(repoRoot, '.env.example')

export function readEnvFile(file: string): Map<string, string> {
  const env = new Map<string, string>()
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line)
    if (match) env.set(match[1] as string, (match[2] as string).trim())
  }
  return env
}

export interface Interpolation {
  value: unknown
  /** Variables used without a default (${VAR} or ${VAR:?message}). */
  required: Set<string>
  /** Every variable referenced. */
  used: Set<string>
}

/** Compose interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, ${VAR?err}, $$ escapes. */
export function interpolate(value: unknown, env: Map<string, string>): Interpolation {
  const required = new Set<string>()
  const used = new Set<string>()
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      return v.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (whole, name, op, arg) => {
        if (whole === '$$') return '$'
        used.add(name)
        const set = env.get(name)
        if (op === ':-' || op === '-') return set === undefined || (op === ':-' && set === '') ? arg : set
        required.add(name)
        if (set === undefined) throw new Error(`compose variable ${name} is not set${arg ? `: ${arg}` : ''}`)
        return set
      })
    }
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    return v
  }
  return { value: walk(value), required, used }
}

export function loadCompose(): K8sObject {
  return parse(fs.readFileSync(composeFile, 'utf8'), { merge: true }) as K8sObject
}

/** Compose Specification schema problems (empty when valid). */
export function validateCompose(document: unknown): string[] {
  const require = createRequire(import.meta.url)
  const dclint = path.dirname(require.resolve('dclint/package.json'))
  const Ajv = createRequire(path.join(dclint, 'package.json'))('ajv') as {
    default: new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown[] } }
  }
  const schema = JSON.parse(fs.readFileSync(path.join(dclint, 'schemas', 'compose.schema.json'), 'utf8'))
  // The file names draft-07 by its https URL, which Ajv (draft-07 built in) only knows as http.
  delete schema.$schema
  const validate = new Ajv.default({ allErrors: true, strict: false }).compile(schema)
  return validate(document) ? [] : (validate.errors ?? []).map((e) => JSON.stringify(e))
}

/** A service's environment (map or list form) as name → value. */
export function serviceEnvironment(service: K8sObject): Map<string, string> {
  const env = service.environment ?? {}
  if (Array.isArray(env)) {
    return new Map(
      env.map((entry: string) => [entry.split('=')[0] as string, entry.slice(entry.indexOf('=') + 1)]),
    )
  }
  return new Map(Object.entries(env).map(([k, v]) => [k, String(v)]))
}
