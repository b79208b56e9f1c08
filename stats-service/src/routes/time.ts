// GET /v1/time
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { BadRequest } from '../errors.ts'
import { isValidZone } from '../stats/local-dates.ts'
import { zoneTime } from '../stats/zone-time.ts'
import { errorResponses } from './schemas.ts'

const TimeResponse = Type.Object({
  zone: Type.String({ description: 'the IANA zone' }),
  now: Type.String({ description: 'local time with offset, ISO 8601' }),
  offsetMinutes: Type.Integer({ description: 'UTC offset now, in minutes (e.g. 345 for +05:45)' }),
  offset: Type.String({ description: 'UTC offset now, e.g. +01:00' }),
  abbreviation: Type.String({
    description: 'short zone name now, e.g. CET, CEST, EST, or GMT+5:45 where none exists',
  }),
})

export default async function timeRoutes(fastify: FastifyInstance) {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    '/time',
    {
      schema: {
        tags: ['time'],
        summary: 'Current time and UTC offset in a time zone',
        description:
          'Computed locally from the runtime’s time-zone database; no user, no database, no third party.',
        querystring: Type.Object({
          zone: Type.String({
            minLength: 1,
            maxLength: 64,
            default: 'Europe/Ljubljana',
            description: 'IANA zone name',
          }),
        }),
        response: { 200: { ...TimeResponse, description: 'the time there now' }, ...errorResponses },
      },
    },
    async (request) => {
      const { zone } = request.query
      if (!isValidZone(zone)) {
        throw new BadRequest(
          `unknown time zone "${zone}"; use an IANA name such as Europe/Ljubljana or America/New_York`,
        )
      }
      return zoneTime(zone, fastify.clock())
    },
  )
}
