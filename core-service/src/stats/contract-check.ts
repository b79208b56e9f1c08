// Checks each stats answer against its schema in the contract (@liftlog/stats-contract) before a page or
// the proxy uses it: upstream garbage becomes "stats unavailable", never a broken page.
import { type EndpointName, endpoints, PREFIX } from '@liftlog/stats-contract'
import { Compile } from 'typebox/compile'

// Compiled once: checking a summary costs microseconds, so validation adds nothing measurable per call.
const checkers = Object.fromEntries(
  Object.entries(endpoints).map(([name, { response }]) => [name, Compile(response)]),
) as unknown as Record<EndpointName, ReturnType<typeof Compile>>

/** Returns null when `value` has the endpoint's shape, else a short description of the first mismatch. */
export function shapeProblem(name: EndpointName, value: unknown): string | null {
  const checker = checkers[name]
  if (checker.Check(value)) return null
  const first = checker.Errors(value)[0]
  if (!first) return 'does not match the contract'
  return `${first.instancePath || '/'} ${first.message}`
}

/** The endpoint's route on stats (`/v1/users/:userId/summary`): its URL template and its metrics label. */
export const routeOf = (name: EndpointName) => `${PREFIX}${endpoints[name].path}`
