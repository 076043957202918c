/**
 * How a scenario states what must hold: each check names what it looked at, so a FAIL line says what differed.
 * Scenarios judge from rows read over SQL and from the API's branch list, not from the action's words alone.
 */
import { isDeepStrictEqual } from 'node:util'

export class Mismatch extends Error {}

export function same<T>(what: string, actual: T, expected: T): void {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Mismatch(`${what}: expected ${show(expected)}, got ${show(actual)}`)
  }
}

export function ensure(condition: boolean, message: string): void {
  if (!condition) throw new Mismatch(message)
}

function show(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) => (typeof item === 'bigint' ? item.toString() : item)) ?? 'undefined'
}
