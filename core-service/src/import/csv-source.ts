// The upload as CSV records with their 1-based line numbers, streamed: bytes are decoded as UTF-8 chunk by
// chunk and handed to csv-parse, so memory holds one chunk and one record, however long the file is.
import { Readable } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import { type ImportMessage, reason as msg, renderMessage } from './messages.ts'

/** A whole-file problem with a message for the lifter (its Error message is the English wording). */
export class ImportFileError extends Error {
  constructor(readonly reason: ImportMessage) {
    super(renderMessage(reason))
  }
}

export interface CsvRecord {
  line: number
  fields: string[]
}

/** The longest row we accept: a real export row is a few hundred bytes. */
const MAX_RECORD = 64 * 1024

/** The delimiter the header uses: the one of , ; tab found most often outside quotes. */
export function sniffDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ])
  let quoted = false
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0]
}

async function* decodeUtf8(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let offset = 0
  let first = true
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield checkText(chunk, offset)
      offset += chunk.length
      continue
    }
    if (
      first &&
      chunk.length >= 2 &&
      ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
    )
      throw new ImportFileError(msg('fileUtf16'))
    first = false
    let text: string
    try {
      text = decoder.decode(chunk, { stream: true })
    } catch {
      throw new ImportFileError(msg('fileNotUtf8', { offset }))
    }
    yield checkText(text, offset)
    offset += chunk.length
  }
  try {
    const rest = decoder.decode()
    if (rest) yield rest
  } catch {
    throw new ImportFileError(msg('fileCutUtf8'))
  }
}

function checkText(text: string, offset: number): string {
  const nul = text.indexOf('\u0000')
  if (nul >= 0) throw new ImportFileError(msg('fileBinary', { offset: offset + nul }))
  return text
}

/**
 * The header fields, the delimiter and then every record. Empty lines are skipped but counted, so line
 * numbers match what a text editor shows. Throws ImportFileError for an empty, binary or broken file.
 */
export async function openCsv(
  input: AsyncIterable<Uint8Array | string>,
): Promise<{ header: string[]; delimiter: string; records: AsyncGenerator<CsvRecord> }> {
  const text = decodeUtf8(input)
  let head = ''
  let next = await text.next()
  while (!next.done && !head.includes('\n') && head.length < MAX_RECORD) {
    head += next.value
    next = await text.next()
  }
  if (!next.done) head += next.value
  const body = head.replace(/^\ufeff/, '')
  if (body.trim() === '') throw new ImportFileError(msg('fileEmpty'))
  const delimiter = sniffDelimiter(body.split(/\r?\n/, 1)[0]!)
  const rest = next.done ? null : text
  async function* all() {
    yield body
    if (rest) yield* rest
  }
  const parser = parse({
    delimiter,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD,
  })
  const source = Readable.from(all())
  source.on('error', (error) => parser.destroy(error))
  source.pipe(parser)
  const records = readRecords(parser)
  const first = await records.next()
  if (first.done) throw new ImportFileError(msg('fileEmpty'))
  return { header: first.value.fields, delimiter, records }
}

async function* readRecords(
  parser: AsyncIterable<{ record: string[]; raw: string }>,
): AsyncGenerator<CsvRecord> {
  let line = 1
  try {
    for await (const { record, raw } of parser) {
      const at = line
      // The raw text holds the line breaks inside quoted fields; the record's own break is not in it.
      line += 1 + (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0)
      if (record.length === 1 && record[0]!.trim() === '') continue
      yield { line: at, fields: record }
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED')
      throw new ImportFileError(msg('fileOpenQuote', { line }))
    if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE')
      throw new ImportFileError(msg('fileLongRow', { line }))
    throw new ImportFileError(msg('fileBroken', { line, detail: (error as Error).message }))
  }
}
