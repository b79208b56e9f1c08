// Prometheus metrics at GET /metrics on the operator server (METRICS_PORT, see operator.ts): request counts and latency by route pattern (never the raw path,
// which would mint a time series per id or date), plus whatever the service adds to fastify.metrics.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry
  }
}

async function metricsPlugin(fastify: FastifyInstance, options: { service: string }) {
  // A registry per app instance, so tests can build many apps in one process.
  const registry = new Registry()
  registry.setDefaultLabels({ service: options.service })
  collectDefaultMetrics({ register: registry })
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  fastify.decorate('metrics', registry)
  fastify.addHook('onResponse', async (request, reply) => {
    // routeOptions.url is the pattern (/workouts/:id); unmatched requests share one label.
    const route = request.routeOptions.url ?? 'unmatched'
    requests.inc({ method: request.method, route, status: String(reply.statusCode) })
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000)
  })
  fastify.operator.get('/metrics', async (_request, reply) => {
    reply.type(registry.contentType)
    return registry.metrics()
  })
}

export const metrics = fp(metricsPlugin, { name: 'metrics', fastify: '5.x', dependencies: ['operator'] })
