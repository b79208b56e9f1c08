// Entry point: load config, boot stats-service, shut down gracefully.
import { runServer } from '@liftlog/service-kit'
import { buildStats } from './build.ts'
import { loadStatsConfig } from './config.ts'

await runServer({ name: 'stats-service', loadConfig: loadStatsConfig, build: (config) => buildStats(config) })
