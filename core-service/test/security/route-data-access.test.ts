// Routes reach a lifter's data only through request.lifter (src/lifter.ts): this reads every file under
// src/routes and fails, naming file and line, on anything that would let a route write an unscoped query
// (the Prisma client, its generated types, the raw user, or the old per-route requireUser hook).
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'

const SERVICE = fileURLToPath(new URL('../../', import.meta.url))
const ROUTES = join(SERVICE, 'src/routes')

const RULES: { pattern: RegExp; why: string; except?: string }[] = [
  { pattern: /\.prisma\b/, why: 'the Prisma client: read and write through request.lifter instead' },
  {
    pattern: /\{[^}]*\bprisma\b[^}]*\}\s*=/,
    why: 'the Prisma client (destructured): read and write through request.lifter instead',
  },
  { pattern: /\$(?:queryRaw|executeRaw|transaction)\b/, why: 'a raw query or transaction' },
  { pattern: /generated\/prisma|@prisma\/client/, why: 'Prisma types: routes get domain types' },
  {
    pattern: /from '[^']*(?:\/repository|\/db\/[\w-]+|\/plugins\/prisma)\.ts'/,
    why: 'a repository or database module: its functions take a client; use request.lifter',
  },
  { pattern: /request\.user!/, why: 'request.user!: use request.lifter inside a signedIn scope' },
  {
    pattern: /\brequireUser\b/,
    why: 'requireUser: register the routes inside signedIn(...) instead',
    // signedIn itself is where the hook is attached, once per scope.
    except: 'src/routes/scopes.ts',
  },
]

/** Every problem in one file's text, as "path:line: why — the line". */
export function problemsIn(path: string, text: string): string[] {
  const problems: string[] = []
  text.split('\n').forEach((raw, index) => {
    // Comments may talk about Prisma; code may not use it.
    const line = raw.replace(/\/\/.*$/, '')
    for (const rule of RULES) {
      if (rule.except !== path && rule.pattern.test(line))
        problems.push(`${path}:${index + 1}: ${rule.why} — ${raw.trim()}`)
    }
  })
  return problems
}

function routeFiles(): string[] {
  return readdirSync(ROUTES, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(ROUTES, name))
    .sort()
}

t.test('no route file reaches the database or the raw user except through request.lifter', async (t) => {
  const files = routeFiles()
  t.ok(files.length >= 14, `found ${files.length} route files`)
  const problems = files.flatMap((file) => problemsIn(relative(SERVICE, file), readFileSync(file, 'utf8')))
  t.same(problems, [], problems.join('\n'))
})

// What routes hand to views and the JSON layer: domain types only, never Prisma models or Prisma.Decimal.
const VIEW_MODULES = [
  'src/exercises/types.ts',
  'src/exercises/json.ts',
  'src/exercises/form.ts',
  'src/workouts/types.ts',
  'src/workouts/json.ts',
  'src/workouts/page-data.ts',
  'src/workouts/summary.ts',
  'src/workouts/form.ts',
  'src/stats/progress-view.ts',
  'src/body-weight/types.ts',
  'src/body-weight/json.ts',
  'src/body-weight/page-view.ts',
  'src/body-weight/relative-view.ts',
  'src/lifter.ts',
]

t.test('domain types and view builders do not depend on Prisma', async (t) => {
  const problems: string[] = []
  const files = [
    ...VIEW_MODULES,
    ...readdirSync(join(SERVICE, 'src/views'), { recursive: true, encoding: 'utf8' }).map(
      (f) => `src/views/${f}`,
    ),
  ].filter((f) => /\.(ts|hbs)$/.test(f))
  for (const file of files) {
    readFileSync(join(SERVICE, file), 'utf8')
      .split('\n')
      .forEach((raw, index) => {
        const line = raw.replace(/\/\/.*$/, '')
        // lifter.ts wires stores to the client: its type, nothing else, is allowed there.
        if (file === 'src/lifter.ts' && /^import type \{ PrismaClient \}/.test(line)) return
        if (/generated\/prisma|@prisma\/client|\bPrisma\./.test(line))
          problems.push(`${file}:${index + 1}: ${raw.trim()}`)
      })
  }
  t.same(problems, [], problems.join('\n'))
})

t.test('the check itself catches each way around the lifter (it can fail)', async (t) => {
  const offenders = [
    'const rows = await fastify.prisma.workout.findMany()',
    'const { prisma } = fastify',
    'await db.$queryRaw`SELECT 1`',
    "import type { Exercise } from '../generated/prisma/client.ts'",
    "import { listWorkouts } from '../workouts/repository.ts'",
    "import { createPrismaClient } from '../db/client.ts'",
    'const user = request.user!',
    "fastify.get('/x', { onRequest: fastify.requireUser }, handler)",
  ]
  for (const line of offenders) {
    t.equal(problemsIn('src/routes/x.ts', `ok()\n${line}\n`).length, 1, line)
    t.match(problemsIn('src/routes/x.ts', `ok()\n${line}\n`)[0], /^src\/routes\/x\.ts:2: /)
  }
  t.same(
    problemsIn('src/routes/x.ts', '// fastify.prisma is not for routes\nconst lifter = request.lifter\n'),
    [],
  )
})
