// Reading fixture files the way an upload arrives: a byte stream in small chunks.
import { createReadStream } from 'node:fs'
import { type ImportMessage, renderMessage, renderRows } from '../../src/import/messages.ts'
import { buildImportPlan, type PlanOptions } from '../../src/import/plan.ts'

export { renderRows as english }

/** A reader's message (or none) as the API words it. */
export const inEnglish = (message: ImportMessage | null | undefined) =>
  message ? renderMessage(message) : null

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

/**
 * A multipart/form-data body as a browser sends it (built by undici's FormData), for app.inject:
 * `fields` in order, then the file under `fileField` (default "file").
 */
export async function multipart(
  file: { name: string; content: string | Uint8Array } | null,
  fields: Record<string, string> = {},
  fileField = 'file',
) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  if (file) form.append(fileField, new Blob([file.content], { type: 'text/csv' }), file.name)
  const request = new Request('http://localhost/', { method: 'POST', body: form })
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type')!,
  }
}
