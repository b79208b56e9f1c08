// How request input is validated, for every route of both services: JSON bodies strictly (no type
// coercion, unknown properties refused and all of them reported), query strings and path parameters with
// Fastify's usual coercion ("?page=2" is the number 2). A service may check bodies with its own compiler
// under the same rules (core does, validatorWithBodies: its src/validation.ts).
import { AjvCompiler } from '@fastify/ajv-compiler'
import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify'
import { oncePerSchema, sharedSerializer } from './compile-once.ts'

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

// One factory per process: it pools its Ajv instances by external schemas and options, and Fastify asks for a
// validator compiler once per encapsulated context (18 in core): a factory per call built two Ajv instances
// each time, ~0.5 s of core's start-up.
const factory = AjvCompiler()

const strictBodyValidator: BuildValidator = (externalSchemas, ajvOptions) => {
  const options = (ajvOptions ?? {}) as CompilerOptions
  const lenient = oncePerSchema(
    factory(externalSchemas, { ...options, customOptions: options.customOptions ?? {} } as CompilerOptions),
  )
  const strict = oncePerSchema(
    factory(externalSchemas, {
      ...options,
      customOptions: { ...options.customOptions, ...STRICT_BODY },
    } as CompilerOptions),
  )
  return (route) => (route.httpPart === 'body' ? strict(route) : lenient(route))
}

/** The same, with JSON bodies checked by `bodyCompiler` instead (core's TypeBox validator, its src/validation.ts). */
function validatorWithBodies(bodyCompiler: FastifySchemaCompiler<never>): BuildValidator {
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

/**
 * Fastify's schemaController for a service: strict bodies (or `bodyCompiler`'s), coerced query strings and
 * path parameters, and each distinct schema compiled once (compile-once.ts).
 */
export function schemaCompilers(bodyCompiler?: FastifySchemaCompiler<never>) {
  return {
    compilersFactory: {
      buildValidator: bodyCompiler ? validatorWithBodies(bodyCompiler) : strictBodyValidator,
      buildSerializer: sharedSerializer,
    },
  }
}
