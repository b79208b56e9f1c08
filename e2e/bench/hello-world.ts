// The benchmarks' baseline: a bare Fastify hello-world, loaded from core-service's own dependency (so it is
// the same Fastify version) and run as its own process the way the services run (node --import tsx).
// PORT to listen on; answers GET / and GET /ready with a tiny JSON body.
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const corePackage = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../core-service/package.json',
)
const Fastify = createRequire(corePackage)('fastify') as typeof import('fastify').default

const app = Fastify({ logger: false })
app.get('/', async () => ({ hello: 'world' }))
app.get('/ready', async () => ({ status: 'ok' }))
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)))
