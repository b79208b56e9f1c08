// Reading fixture files the way an upload arrives: a byte stream in small chunks.
import { createReadStream } from 'node:fs'
import { buildImportPlan, type PlanOptions } from '../../src/import/plan.ts'

export const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname

export function planOf(name: string, options: Partial<PlanOptions> = {}) {
  // 64-byte chunks so every reader sees rows, quotes and UTF-8 characters split across chunks.
  return buildImportPlan(createReadStream(fixture(name), { highWaterMark: 64 }), {
    zone: 'Europe/Ljubljana',
    unit: 'kg',
    ...options,
  })
}

export async function* chunks(...parts: (string | Uint8Array)[]) {
  for (const p of parts) yield typeof p === 'string' ? new TextEncoder().encode(p) : p
}
