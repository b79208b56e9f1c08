// Boots a service: Fastify with structured logs and request ids, the app plugin, graceful shutdown on
// SIGTERM/SIGINT (stop accepting, let in-flight requests finish, close pools through onClose hooks).
import { randomUUID } from 'node:crypto'
import closeWithGrace from 'close-with-grace'
import {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify'
import { ConfigError } from './config.ts'
import { schemaCompilers } from './validation.ts'

const PROBE_PATHS = new Set(['/health', '/ready'])
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * One log line per request, written when it ends (method, url, status, time, request id), instead of
 * Fastify's two ("incoming request" + "request completed"): half the log volume at `info`, nothing lost
 * (the arrival is on `debug`). Probes are not logged at all.
 */
export class OneLinePerRequest extends LogController {
  constructor() {
    super({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: (request) => PROBE_PATHS.has(request.url),
    })
  }

  override incomingRequest(request: FastifyRequest) {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request')
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (this.isLogDisabled(request)) return
    const line = { req: request, res: reply, responseTime: reply.elapsedTime }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}

export interface LogConfig {
  LOG_LEVEL: string
}

/** Fastify options both services share: pino JSON logs with secrets redacted, x-request-id honoured. */
export function serverOptions(config: LogConfig, extra: FastifyServerOptions = {}): FastifyServerOptions {
  return {
    logger: {
      level: config.LOG_LEVEL,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-internal-token"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
    },
    // Accept the caller's id (core → stats) so one request can be followed across both services' logs —
    // only a short plain token: anything else (line breaks, 10 KB of text) is replaced, never logged.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    // Probes hit these every few seconds per pod; their request lines would drown the useful ones.
    logController: new OneLinePerRequest(),
    // Strict JSON bodies, coerced query strings (see validation.ts).
    schemaController: schemaCompilers(),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ...extra,
  }
}

interface ListenConfig {
  HOST: string
  PORT: number
  METRICS_HOST?: string | undefined
  METRICS_PORT: number
}

export interface RunOptions<C extends ListenConfig> {
  name: string
  loadConfig: () => C
  build: (config: C) => Promise<FastifyInstance>
  /** How long in-flight requests get after SIGTERM before the process gives up. */
  graceMs?: number
}

export async function runServer<C extends ListenConfig>(options: RunOptions<C>): Promise<void> {
  let app: FastifyInstance
  let config: C
  try {
    config = options.loadConfig()
    app = await options.build(config)
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${options.name}: ${error.message}\n`)
      process.exit(78) // EX_CONFIG
    }
    throw error
  }
  // After SIGTERM every response says Connection: close, so a keep-alive client does not hold its socket
  // (and with it the shutdown) open until the grace delay: an in-flight request finishes, its connection
  // closes, the server closes, and the process exits 0 right away. Root hooks reach the app's routes
  // because the app plugin has not booted yet.
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close')
  })
  closeWithGrace({ delay: options.graceMs ?? 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    else app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    await app.close()
  })
  const listen = async (server: FastifyInstance, host: string, port: number, variable: string) => {
    try {
      await server.listen({ host, port })
    } catch (error) {
      app.log.error({ err: error }, `${options.name} could not listen on ${host}:${port} (${variable})`)
      process.exit(1)
    }
  }
  await listen(app, config.HOST, config.PORT, 'PORT')
  if (app.hasDecorator('operator'))
    await listen(app.operator, config.METRICS_HOST ?? config.HOST, config.METRICS_PORT, 'METRICS_PORT')
}
