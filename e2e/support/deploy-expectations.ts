// What the deployment checks hold every manifest set to: each service's config schema (imported from
// the code, never listed by hand) and who may talk to whom.
import { CoreConfigSchema } from '../../core-service/src/config.ts'
import { StatsConfigSchema } from '../../stats-service/src/config.ts'
import type { InvariantOptions, ServiceSchema } from './invariants.ts'
import { NAMESPACE } from './manifests.ts'

export const serviceSchemas: ServiceSchema[] = [
  { component: 'core', schema: CoreConfigSchema },
  { component: 'stats', schema: StatsConfigSchema },
]

/** NetworkPolicy intent: protected component → components allowed in ('*': anyone, e.g. lifters). */
export const allowedIngress: Record<string, string[]> = {
  core: ['*'],
  stats: ['core', 'helm-test'],
  postgresql: ['backup', 'core', 'migrate', 'stats'],
  redis: ['core', 'stats'],
}

export function invariantOptions(externalSecrets: Record<string, string[]> = {}): InvariantOptions {
  return { schemas: serviceSchemas, allowedIngress, externalSecrets, namespace: NAMESPACE }
}
