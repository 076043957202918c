import { readFileSync } from 'node:fs'
// @ts-expect-error: a plain .mjs tool without types
import { missingOptionals } from '../../tools/complete-lockfile.mjs'

test('package-lock.json lists every optional dependency, so npm ci accepts it (run npm run lock when this fails)', () => {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'))
  expect(Object.keys(missingOptionals(lock))).toEqual([])
})
