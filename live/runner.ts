/**
 * The live suite's runner: runs scenarios one after another, prints `PASS <scenario> (<s>)` or
 * `FAIL <scenario>: <reason>` for each and a closing `N passed, N failed`, and gives the exit code. It knows
 * nothing of Neon, so its reporting is tested without one (__tests__/live/runner.test.ts).
 */
export interface Scenario<C> {
  name: string
  run(context: C): Promise<void>
}

export interface Hooks {
  /** Runs after each scenario, whatever happened (the live suite deletes what the scenario made). */
  after?(scenario: string): Promise<void>
}

export interface Report {
  passed: number
  failed: number
}

const MAX_REASON = 600

/** One line, short enough to read in a CI log. */
export function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  const line = text.replace(/\s*\n\s*/g, ' | ').trim() || 'failed without a message'
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON)}…` : line
}

async function runOne<C>(scenario: Scenario<C>, context: C, hooks: Hooks): Promise<string | undefined> {
  const problems: string[] = []
  try {
    await scenario.run(context)
  } catch (error) {
    problems.push(reason(error))
  }
  try {
    await hooks.after?.(scenario.name)
  } catch (error) {
    problems.push(`cleaning up: ${reason(error)}`)
  }
  return problems.length > 0 ? problems.join('; ') : undefined
}

export async function runScenarios<C>(
  scenarios: Scenario<C>[],
  context: C,
  hooks: Hooks = {},
  print: (line: string) => void = console.log
): Promise<Report> {
  const report: Report = { passed: 0, failed: 0 }
  for (const scenario of scenarios) {
    const started = Date.now()
    const failure = await runOne(scenario, context, hooks)
    if (failure === undefined) {
      report.passed++
      print(`PASS ${scenario.name} (${((Date.now() - started) / 1000).toFixed(1)}s)`)
    } else {
      report.failed++
      print(`FAIL ${scenario.name}: ${failure}`)
    }
  }
  print(`${report.passed} passed, ${report.failed} failed`)
  return report
}

export const exitCode = (report: Report): number => (report.failed > 0 ? 1 : 0)
