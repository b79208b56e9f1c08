// Exercise name search, shared by the catalog query (repository.ts) and the live page's picker.

/** What a name search compares: letters and digits only, any case, accents folded ("Pull-Up" → "pullup"). */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '')
}
