// The real stats-service as its own process, on a test file's database through the read-only login, for
// the tests that check core against the genuine article rather than a stand-in.
import { type ServiceProcess, startService } from '../../../scripts/processes.ts'

export const REAL_STATS_TOKEN = 'test-stats-token-0123456789'

export function startRealStats(port: number, readonlyUrl: string): Promise<ServiceProcess> {
  return startService({
    name: 'stats-service',
    port,
    env: {
      DATABASE_URL: readonlyUrl,
      STATS_TOKEN: REAL_STATS_TOKEN,
      LOG_LEVEL: 'warn',
      REDIS_URL: undefined,
    },
    output: () => {},
  })
}
