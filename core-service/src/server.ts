// Entry point: load config, boot core-service, shut down gracefully.
import { runServer } from '@liftlog/service-kit'
import { buildCore } from './build.ts'
import { loadCoreConfig } from './config.ts'

await runServer({ name: 'core-service', loadConfig: loadCoreConfig, build: buildCore })
