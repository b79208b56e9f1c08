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

async function openApiPlugin(fastify: FastifyInstance, options: OpenApiOptions) {
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: options.title, description: options.description, version: options.version },
      tags: options.tags ?? [],
      components: { securitySchemes: (options.securitySchemes ?? {}) as never },
    },
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
