// Fastify compiles each route's schemas at start-up — a validator per route and request part, a serializer
// per route and status — and asks for the compilers once per encapsulated context (18 in core), even when
// routes share a schema (path ids, query filters, error bodies). Compiled validators and serializers are
// pure functions of their schema, compiler options and the context's shared schemas, so one per distinct
// combination is enough.
import SerializerSelector from '@fastify/fast-json-stringify-compiler'
import type { FastifyServerOptions } from 'fastify'

type Compile<R, F> = (route: R) => F

const memoized = new WeakMap<Compile<never, unknown>, Compile<never, unknown>>()

/**
 * `compile`, answering a schema it has compiled before (same JSON text) with the same function. The same
 * `compile` (a pooled compiler, e.g. @fastify/ajv-compiler's for the same shared schemas) shares one memo.
 */
export function oncePerSchema<R extends { schema?: unknown }, F>(compile: Compile<R, F>): Compile<R, F> {
  const known = memoized.get(compile as Compile<never, unknown>)
  if (known) return known as Compile<R, F>
  const compiled = new Map<string, F>()
  const once: Compile<R, F> = (route) => {
    const key = JSON.stringify(route.schema)
    let fn = compiled.get(key)
    if (fn === undefined) {
      fn = compile(route)
      compiled.set(key, fn)
    }
    return fn
  }
  memoized.set(compile as Compile<never, unknown>, once as Compile<never, unknown>)
  return once
}

type BuildSerializer = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']
>

const serializers = SerializerSelector()
const serializerPool = new Map<string, ReturnType<BuildSerializer>>()

/** Fastify's own serializer compiler (fast-json-stringify): one per distinct response schema and context schemas. */
export const sharedSerializer: BuildSerializer = (externalSchemas, options) => {
  const key = JSON.stringify([externalSchemas, options])
  let compile = serializerPool.get(key)
  if (!compile) {
    compile = oncePerSchema(serializers(externalSchemas, options))
    serializerPool.set(key, compile)
  }
  return compile
}
