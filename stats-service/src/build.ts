// Creates the configured Fastify instance with the app registered; used by server.ts, tests and the bench.
import { operatorServer, serverOptions } from '@liftlog/service-kit'
import Fastify, { type FastifySchemaValidationError } from 'fastify'
import fp from 'fastify-plugin'
import app from './app.ts'
import type { StatsConfig } from './config.ts'

/** Ajv says "must be equal to one of the allowed values"; name them, so the 400 says what would work. */
function schemaErrorFormatter(errors: FastifySchemaValidationError[], dataVar: string): Error {
  for (const error of errors) {
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues
    if (error.keyword === 'enum' && allowed && !error.message?.includes(':')) {
      error.message = `must be one of: ${allowed.join(', ')}`
    }
  }
  const first = errors[0]
  return new Error(`${dataVar}${first?.instancePath ?? ''} ${first?.message ?? 'is invalid'}`)
}

export async function buildStats(config: StatsConfig, options: { clock?: () => Date } = {}) {
  const fastify = Fastify(serverOptions(config, { schemaErrorFormatter }))
  // At the root, so runServer (and tests) reach fastify.operator.
  await fastify.register(operatorServer)
  // fp: the app's decorators (db, redis, resultCache) reach the root instance tests and the bench hold.
  await fastify.register(fp(app, { name: 'stats-app' }), { config, clock: options.clock })
  return fastify
}
