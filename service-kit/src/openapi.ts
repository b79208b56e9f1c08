// OpenAPI document generated from the route schemas, served with Swagger UI at /apidocs.
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

export interface OpenApiOptions {
  title: string
  description: string
  version: string
  tags?: { name: string; description: string }[]
  securitySchemes?: Record<string, unknown>
}

type Operation = {
  operationId?: string
  parameters?: {
    in: string
    required?: boolean
    schema?: { default?: unknown }
    examples?: unknown
    example?: unknown
  }[]
}

/** GET /api/v1/workouts/{id}/sets → getApiV1WorkoutsByIdSets: one rule, so every operation has a stable id. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith('{') ? `by-${part.slice(1, -1)}` : part))
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/).filter(Boolean))
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
}

/**
 * The document as a developer trying it out needs it: an operationId on every operation; a parameter with
 * a default is optional (TypeBox marks it required, since the validator always fills it); and optional
 * query parameters carry no example, because Swagger UI's "Try it out" pre-fills examples and a filter
 * nobody chose (a date, an exercise) answers an empty list.
 */
export function forTryingOut<T extends { paths?: Record<string, Record<string, unknown>> }>(document: T): T {
  for (const [path, methods] of Object.entries(document.paths ?? {})) {
    for (const [method, value] of Object.entries(methods)) {
      if (typeof value !== 'object' || value === null || !('responses' in value)) continue
      const operation = value as Operation
      operation.operationId ??= operationIdOf(method, path)
      for (const parameter of operation.parameters ?? []) {
        if (parameter.schema?.default !== undefined) parameter.required = false
        if (parameter.in === 'query' && !parameter.required) {
          delete parameter.examples
          delete parameter.example
          delete (parameter.schema as { examples?: unknown } | undefined)?.examples
        }
      }
    }
  }
  return document
}

async function openApiPlugin(fastify: FastifyInstance, options: OpenApiOptions) {
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: options.title, description: options.description, version: options.version },
      tags: options.tags ?? [],
      components: { securitySchemes: (options.securitySchemes ?? {}) as never },
    },
    transformObject: (document) =>
      'openapiObject' in document ? forTryingOut(document.openapiObject as never) : document.swaggerObject,
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  })
  await fastify.register(swaggerUi, {
    routePrefix: '/apidocs',
    staticCSP: true,
    // Swagger UI sets a few inline styles at run time; allow those on the docs pages only (no scripts).
    // And no upgrade-insecure-requests: on a plain-http self-hosted instance it breaks every asset.
    transformStaticCSP: (header) =>
      header
        .replace("style-src 'self' https:", "style-src 'self' https: 'unsafe-inline'")
        .replace(/;?\s*upgrade-insecure-requests/, ''),
  })
}

export const openApi = fp(openApiPlugin, { name: 'openapi', fastify: '5.x' })
