// Creates the configured Fastify instance with the app registered; used by server.ts and the tests.
import { operatorServer, schemaCompilers, serverOptions } from '@liftlog/service-kit'
import Fastify from 'fastify'
import app from './app.ts'
import type { CoreConfig } from './config.ts'
import { parseTrustProxy } from './trust-proxy.ts'
import { bodyValidatorCompiler } from './validation.ts'

export async function buildCore(config: CoreConfig, options: { clock?: () => Date } = {}) {
  const trustProxy = parseTrustProxy(config.TRUST_PROXY)
  const fastify = Fastify(
    serverOptions(config, {
      trustProxy,
      // Bodies (JSON and forms) through src/validation.ts, the one way core checks input.
      schemaController: schemaCompilers(bodyValidatorCompiler),
    }),
  )
  // At the root, so runServer (and tests) reach fastify.operator.
  await fastify.register(operatorServer)
  await fastify.register(app, { config, clock: options.clock })
  return fastify
}
