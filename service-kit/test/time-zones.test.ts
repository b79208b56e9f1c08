// isKnownTimeZone: the runtime's zone names and aliases pass, anything else fails, and repeated
// questions keep their answers.
import t from 'tap'
import { isKnownTimeZone } from '../src/time-zones.ts'

t.test('knows IANA names and aliases, refuses the rest', async (t) => {
  for (const zone of ['UTC', 'Europe/Ljubljana', 'Asia/Kathmandu', 'Pacific/Chatham', 'Asia/Calcutta'])
    t.ok(isKnownTimeZone(zone), zone)
  for (const zone of ['', 'Fantasia/Castle', 'Sport~~blorp', 'Europe/Ljubljana\u0000'])
    t.notOk(isKnownTimeZone(zone), zone)
  t.ok(isKnownTimeZone('UTC'), 'a remembered answer is the same')
  t.notOk(isKnownTimeZone('Fantasia/Castle'), 'a remembered refusal is the same')
})
