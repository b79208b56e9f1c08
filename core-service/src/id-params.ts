// Path parameters naming one resource by its uuid (`/…/:id`), as every such page and API route takes them.
import Type from 'typebox'

export function idParams(description: string, example?: string) {
  return Type.Object({
    id: Type.String({ format: 'uuid', description, ...(example ? { examples: [example] } : {}) }),
  })
}
