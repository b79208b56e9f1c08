// How request input is validated, for every route of both services: JSON bodies strictly (no type
// coercion, unknown properties refused and all of them reported), query strings and path parameters with
// Fastify's usual coercion ("?page=2" is the number 2). A service may check bodies with its own compiler
// under the same rules (core does, validatorWithBodies: its src/validation.ts).
import { AjvCompiler } from '@fastify/ajv-compiler'
import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify'

type BuildValidator = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']
>

type CompilerOptions = Parameters<ReturnType<typeof AjvCompiler>>[1] & { customOptions?: object }

const STRICT_BODY = {
  coerceTypes: false,
  // Refuse unknown properties instead of dropping them silently.
  removeAdditional: false,
  // Every unknown property is named at once. Bodies are bounded (bodyLimit, maxItems, maxLength), so
  // reporting every problem costs little.
  allErrors: true,
  useDefaults: true,
} as const

export const strictBodyValidator: BuildValidator = (externalSchemas, ajvOptions) => {
  const factory = AjvCompiler()
  const options = (ajvOptions ?? {}) as CompilerOptions
  const lenient = factory(externalSchemas, {
    ...options,
    customOptions: options.customOptions ?? {},
  } as CompilerOptions)
  const strict = factory(externalSchemas, {
    ...options,
    customOptions: { ...options.customOptions, ...STRICT_BODY },
  } as CompilerOptions)
  return (route) => (route.httpPart === 'body' ? strict(route) : lenient(route))
}

/** The same, with JSON bodies checked by `bodyCompiler` instead (core's TypeBox validator, its src/validation.ts). */
export function validatorWithBodies(bodyCompiler: FastifySchemaCompiler<never>): BuildValidator {
  return (externalSchemas, ajvOptions) => {
    const others = strictBodyValidator(externalSchemas, ajvOptions)
    // Fastify calls whatever this returns; ajv's type of a validate function is only stricter on paper.
    type Validate = ReturnType<typeof others>
    return (route) =>
      route.httpPart === 'body'
        ? (bodyCompiler(route as Parameters<typeof bodyCompiler>[0]) as unknown as Validate)
        : others(route)
  }
}
