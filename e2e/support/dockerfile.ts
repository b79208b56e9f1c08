// Reads a Dockerfile (stages, COPY, ENV, WORKDIR, CMD ...) and lays out, in a scratch directory, the file
// tree its final stage would contain — repository files filtered by .dockerignore, production
// dependencies as listed in package-lock.json — so the image's exact start command can be run here,
// without Docker.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { repoRoot } from './k8s-tools.ts'

export interface Instruction {
  keyword: string
  args: string
}

export interface Stage {
  from: string
  name?: string
  instructions: Instruction[]
}

export function parseDockerfile(text: string): { args: Map<string, string>; stages: Stage[] } {
  const lines: string[] = []
  let current = ''
  for (const raw of text.split('\n')) {
    if (!current && /^\s*#/.test(raw)) continue
    if (/\\\s*$/.test(raw)) {
      current += `${raw.replace(/\\\s*$/, '')} `
      continue
    }
    current += raw
    if (current.trim()) lines.push(current.trim())
    current = ''
  }
  const args = new Map<string, string>()
  const stages: Stage[] = []
  for (const line of lines) {
    const keyword = (line.split(/\s+/, 1)[0] as string).toUpperCase()
    const rest = line.slice(keyword.length).trim()
    if (keyword === 'FROM') {
      const [image, as, name] = rest.split(/\s+/)
      const from = (image ?? '').replace(/\$\{?(\w+)\}?/g, (_, v) => args.get(v) ?? '')
      stages.push({ from, ...(as?.toUpperCase() === 'AS' && name ? { name } : {}), instructions: [] })
    } else if (stages.length === 0 && keyword === 'ARG') {
      const [name, value = ''] = rest.split('=')
      args.set(name as string, value)
    } else {
      stages.at(-1)?.instructions.push({ keyword, args: rest })
    }
  }
  return { args, stages }
}

/** ENV a=b c="d e" (and the legacy ENV a b) → entries. */
export function parseEnv(args: string): [string, string][] {
  if (!args.includes('=')) {
    const [name, ...value] = args.split(/\s+/)
    return [[name as string, value.join(' ')]]
  }
  return [...args.matchAll(/(\w+)=("([^"]*)"|'([^']*)'|(\S*))/g)].map((m) => [
    m[1] as string,
    (m[3] ?? m[4] ?? m[5] ?? '') as string,
  ])
}

export interface CopyInstruction {
  from?: string
  sources: string[]
  dest: string
}

export function parseCopy(args: string): CopyInstruction {
  const words = args.split(/\s+/)
  let from: string | undefined
  while (words[0]?.startsWith('--')) {
    const flag = words.shift() as string
    if (flag.startsWith('--from=')) from = flag.slice('--from='.length)
  }
  const dest = words.pop() as string
  return { ...(from ? { from } : {}), sources: words, dest }
}

export interface FinalStage {
  stage: Stage
  env: Record<string, string>
  workdir: string
  user?: string
  expose: number[]
  stopSignal?: string
  healthcheck?: string[]
  command: string[]
  copies: { copy: CopyInstruction; workdir: string }[]
}

const json = (text: string): string[] => {
  const value = JSON.parse(text.replace(/^.*?(\[)/, '$1'))
  if (!Array.isArray(value)) throw new Error(`expected a JSON (exec-form) array, got ${text}`)
  return value
}

export function finalStage(text: string): FinalStage {
  const { stages } = parseDockerfile(text)
  const stage = stages.at(-1)
  if (!stage) throw new Error('no FROM in Dockerfile')
  const env: Record<string, string> = {}
  let workdir = '/'
  let user: string | undefined
  let stopSignal: string | undefined
  let healthcheck: string[] | undefined
  let entrypoint: string[] = []
  let cmd: string[] = []
  const expose: number[] = []
  const copies: FinalStage['copies'] = []
  for (const { keyword, args } of stage.instructions) {
    if (keyword === 'ENV') for (const [k, v] of parseEnv(args)) env[k] = v
    if (keyword === 'WORKDIR') workdir = path.posix.resolve(workdir, args)
    if (keyword === 'USER') user = args
    if (keyword === 'EXPOSE') expose.push(...args.split(/\s+/).map((p) => Number.parseInt(p, 10)))
    if (keyword === 'STOPSIGNAL') stopSignal = args
    if (keyword === 'HEALTHCHECK') healthcheck = json(args.slice(args.indexOf('CMD') + 3))
    if (keyword === 'ENTRYPOINT') entrypoint = json(args)
    if (keyword === 'CMD') cmd = json(args)
    if (keyword === 'COPY' || keyword === 'ADD') copies.push({ copy: parseCopy(args), workdir })
  }
  return {
    stage,
    env,
    workdir,
    ...(user ? { user } : {}),
    expose,
    ...(stopSignal ? { stopSignal } : {}),
    ...(healthcheck ? { healthcheck } : {}),
    command: [...entrypoint, ...cmd],
    copies,
  }
}

/** .dockerignore patterns → a predicate on repository-relative paths (later patterns win; ! re-includes). */
export function dockerignore(file = path.join(repoRoot, '.dockerignore')): (relative: string) => boolean {
  const rules = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!')
      const pattern = (negate ? line.slice(1) : line).replace(/^\/+|\/+$/g, '')
      const source = pattern
        .split('/')
        .map((part) =>
          part === '**'
            ? '(?:.*)'
            : part
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\(\?:\.\*\)\//g, '(?:.*/)?')
      // A pattern that matches a directory excludes everything below it.
      return { negate, regex: new RegExp(`^${source}(?:/.*)?$`) }
    })
  return (relative) => {
    let ignored = false
    for (const rule of rules) if (rule.regex.test(relative)) ignored = !rule.negate
    return ignored
  }
}

/**
 * Packages `npm ci` (or `npm ci --omit=dev`) installs, as their paths in the lockfile: the hoisted ones
 * ("node_modules/fastify") and those nested under a workspace ("core-service/node_modules/undici").
 */
export function lockedPackages(omitDev: boolean, dropDevOptional = false): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean; link?: boolean }>
  }
  return Object.entries(lock.packages)
    .filter(
      ([key, entry]) =>
        /^([\w-]+\/)?node_modules\/(@[^/]+\/)?[^/@][^/]*$/.test(key) &&
        !(omitDev && entry.dev) &&
        !(dropDevOptional && entry.devOptional) &&
        !entry.link,
    )
    .map(([key]) => key)
    .filter((key) => fs.existsSync(path.join(repoRoot, key)))
}

export interface ImageTree {
  root: string
  /** Host path of a container path, e.g. /app/core-service → <root>/app/core-service. */
  hostPath(containerPath: string): string
  problems: string[]
  remove(): void
}

const WORKSPACES = ['service-kit', 'stats-contract', 'core-service', 'stats-service', 'e2e']

/**
 * Lays out the final stage's files. COPY from the build context copies repository files (minus
 * .dockerignore); COPY --from=<stage> /app/<path> takes <path> from the repository, where the build
 * stages' steps (npm ci, npm run db:generate) have run too; node_modules hold, as symlinks, exactly the
 * packages that stage installed (per the lockfile) or copied in.
 */
export function layOutImage(final: FinalStage, stages: Stage[]): ImageTree {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'liftlog-image-'))
  const hostPath = (p: string) => path.join(root, p)
  const problems: string[] = []
  const ignored = dockerignore()
  const internalStages = stages.flatMap((s) => (s.name ? [s.name] : []))

  // What a stage's /app holds in node_modules folders: its (or its parent stage's) `npm ci`, plus
  // packages COPY'd in from other stages. Paths relative to /app, as in the lockfile.
  const stagePackages = (name: string): Set<string> => {
    const stage = stages.find((s) => s.name === name)
    if (!stage) return new Set()
    const packages = internalStages.includes(stage.from) ? stagePackages(stage.from) : new Set<string>()
    for (const { keyword, args } of stage.instructions) {
      // A RUN that removes the lockfile's devOptional entries (see the Dockerfiles) is modelled too.
      if (keyword === 'RUN' && /\bnpm ci\b/.test(args))
        for (const p of lockedPackages(/--omit=dev/.test(args), /e\.devOptional\)/.test(args)))
          packages.add(p)
      if (keyword === 'COPY') {
        const copy = parseCopy(args)
        const target = path.posix.relative('/app', path.posix.resolve('/app', copy.dest))
        if (copy.from && /(^|\/)node_modules\//.test(target)) {
          if (!fs.existsSync(path.join(repoRoot, target)))
            problems.push(`${stage.name}: COPY ${args}: not installed`)
          else if (/node_modules\/@[^/]+$/.test(target))
            for (const n of fs.readdirSync(path.join(repoRoot, target))) packages.add(`${target}/${n}`)
          else packages.add(target)
        }
      }
    }
    return packages
  }

  const linkPackage = (imageApp: string, lockPath: string) => {
    const target = path.join(imageApp, lockPath)
    // Workspaces are linked inside the tree (linkWorkspaces), never to the repository's folders.
    if (lockPath.startsWith('node_modules/@liftlog/') || fs.existsSync(target)) return
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.symlinkSync(fs.realpathSync(path.join(repoRoot, lockPath)), target)
  }
  const linkWorkspaces = (modules: string) => {
    fs.mkdirSync(path.join(modules, '@liftlog'), { recursive: true })
    // npm links workspaces relatively; they resolve inside the image (absent ones dangle, as in the image).
    for (const ws of WORKSPACES) {
      const target = path.join(modules, '@liftlog', ws)
      if (!fs.existsSync(target)) fs.symlinkSync(`../../${ws}`, target)
    }
  }

  const copyTree = (source: string, dest: string, relative: string) => {
    if (ignored(relative)) return
    const stat = fs.statSync(source)
    if (stat.isDirectory()) {
      fs.mkdirSync(dest, { recursive: true })
      for (const entry of fs.readdirSync(source))
        copyTree(path.join(source, entry), path.join(dest, entry), `${relative}/${entry}`)
    } else {
      fs.mkdirSync(path.dirname(dest), { recursive: true })
      fs.copyFileSync(source, dest)
    }
  }

  for (const { copy, workdir } of final.copies) {
    const destBase = path.posix.resolve(workdir, copy.dest)
    const intoDir = copy.dest.endsWith('/') || copy.sources.length > 1
    for (const source of copy.sources) {
      if (copy.from) {
        if (!internalStages.includes(copy.from)) {
          problems.push(`COPY --from=${copy.from}: not a stage of this Dockerfile`)
          continue
        }
        const relative = path.posix.relative('/app', source)
        if (relative.startsWith('..')) {
          problems.push(`COPY --from=${copy.from} ${source}: expected a path under /app`)
          continue
        }
        const dest = intoDir ? path.posix.join(destBase, path.posix.basename(source)) : destBase
        if (/(^|\/)node_modules(\/|$)/.test(relative)) {
          // Every package of that stage under the copied folder, placed where dest puts it.
          const packages = [...stagePackages(copy.from)].filter(
            (p) => p === relative || p.startsWith(`${relative}/`),
          )
          const imageApp = hostPath(path.posix.join(dest, path.posix.relative(relative, '.')))
          fs.mkdirSync(hostPath(dest), { recursive: true })
          for (const p of packages) linkPackage(imageApp, p)
          if (relative === 'node_modules') linkWorkspaces(hostPath(dest))
          continue
        }
        const from = path.join(repoRoot, relative)
        if (!fs.existsSync(from))
          problems.push(`COPY --from=${copy.from} ${source}: the build stage would not produce it`)
        else fs.cpSync(from, hostPath(dest), { recursive: true })
        continue
      }
      const from = path.join(repoRoot, source)
      if (!fs.existsSync(from)) {
        problems.push(`COPY ${source}: no such file in the build context`)
        continue
      }
      if (ignored(source.replace(/\/+$/, ''))) {
        problems.push(`COPY ${source}: excluded by .dockerignore`)
        continue
      }
      const dest = intoDir ? path.posix.join(destBase, path.posix.basename(source)) : destBase
      copyTree(from, hostPath(dest), source.replace(/\/+$/, ''))
    }
  }
  for (const stage of stages)
    for (const { keyword, args } of stage.instructions)
      if (keyword === 'RUN' && /\btsc -p \S+/.test(args)) compileInPlace(root, args, problems)
  return { root, hostPath, problems, remove: () => fs.rmSync(root, { recursive: true, force: true }) }
}

/**
 * The Dockerfiles' compile step (`npx tsc -p <tsconfig.build.json> && find … -name '*.ts' -delete && sed
 * -i 's#…#…#' <files>`), done to the laid-out tree: JavaScript beside the copied sources, the TypeScript
 * removed, the package.json export rewritten. Types are not checked here (`npm run typecheck` does that).
 */
function compileInPlace(root: string, run: string, problems: string[]): void {
  const app = path.join(root, 'app')
  const configPath = /\btsc -p (\S+)/.exec(run)?.[1] as string
  const config = JSON.parse(fs.readFileSync(path.join(repoRoot, configPath), 'utf8'))
  const treeConfig = path.join(app, configPath)
  fs.mkdirSync(path.dirname(treeConfig), { recursive: true })
  fs.writeFileSync(
    treeConfig,
    JSON.stringify({
      ...config,
      extends: path.join(repoRoot, 'tsconfig.base.json'),
      compilerOptions: { ...config.compilerOptions, noCheck: true },
    }),
  )
  // The compiler itself, not its bin launcher (which fails to load under the test runner's hooks).
  const compiler = path.join(repoRoot, 'node_modules', 'typescript', 'lib', 'tsc.js')
  const tsc = spawnSync(process.execPath, [compiler, '-p', treeConfig], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  })
  if (tsc.status !== 0) problems.push(`RUN ${run}: tsc failed: ${tsc.stdout}${tsc.stderr}`)
  const removed = /\bfind ((?:\S+ )+)-name '\*\.ts' -delete/.exec(run)?.[1]?.trim().split(' ') ?? []
  for (const dir of removed) {
    const base = path.join(app, dir)
    if (!fs.existsSync(base)) continue
    for (const file of fs.readdirSync(base, { recursive: true, encoding: 'utf8' }))
      if (file.endsWith('.ts')) fs.rmSync(path.join(base, file))
  }
  for (const [, from, to, files] of run.matchAll(/\bsed -i 's#([^#]+)#([^#]+)#'((?: [^\s\\&]+)+)/g)) {
    for (const file of (files as string).trim().split(' ')) {
      const target = path.join(app, file)
      if (fs.existsSync(target))
        fs.writeFileSync(target, fs.readFileSync(target, 'utf8').replaceAll(from as string, to as string))
    }
  }
}
