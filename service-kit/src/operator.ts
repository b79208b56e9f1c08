// The operator server: a second Fastify instance on METRICS_PORT for what only the cluster should see —
// Prometheus /metrics, detailed readiness, core's /resilience. The public port never serves these (they
// cost work and tell an attacker how their attack is going). Routes register on `fastify.operator`; it
// starts listening in runServer and closes with the app.
//   fastify.operator.get('/resilience', handler)
import Fastify, { type FastifyInstance, LogController } from 'fastify'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    /** The operator server (METRICS_PORT); inject() into it in tests. */
    operator: FastifyInstance
  }
}

async function operatorPlugin(fastify: FastifyInstance) {
  const operator = Fastify({
    loggerInstance: fastify.log.child({ server: 'operator' }),
    // Scraped every few seconds; request lines would drown the useful ones.
    logController: new LogController({ disableRequestLogging: true }),
  })
  fastify.decorate('operator', operator)
  fastify.addHook('onClose', async () => {
    await operator.close()
  })
}

export const operatorServer = fp(operatorPlugin, { name: 'operator', fastify: '5.x' })
