/**
 * Asking before a destructive step. In a terminal the CLI shows the plan (the operation's dry run) and asks;
 * elsewhere (a script, a pipe) it refuses unless --yes is given. This is on top of the action's own rules
 * (`confirm` for protected and default branches), which stay as they are.
 */
import { createInterface } from 'node:readline/promises'
import type { Settings } from '../inputs.js'

/** What the operation would change or delete in place, or undefined when it only adds (a branch, a schema). */
export function destructiveStep(settings: Settings): string | undefined {
  const branch = settings.branch ?? 'the default branch'
  switch (settings.operation) {
    case 'restore':
      return `restore overwrites ${branch}`
    case 'prune':
      return `prune deletes the branches and snapshots matching ${settings.match}`
    case 'recover':
      return settings.mode === 'schema' ? undefined : `recover with mode: ${settings.mode} writes into ${branch}`
    case 'bisect':
      return settings.then === 'restore' || settings.then === 'recover'
        ? `bisect with then: ${settings.then} changes ${branch}`
        : undefined
    default:
      // snapshot, query and verify only add or read; undelete brings back a deleted branch beside the others.
      return undefined
  }
}

/** Whether the user can be asked: both ends are a terminal. */
export function canAsk(): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true
}

/** Asks "Proceed? [y/N]" on the terminal; only y or yes proceeds. */
export async function askToProceed(step: string): Promise<boolean> {
  const readline = createInterface({ input: process.stdin, output: process.stderr })
  try {
    const answer = await readline.question(`${step}. Proceed? [y/N] `)
    return /^y(es)?$/i.test(answer.trim())
  } finally {
    readline.close()
  }
}
