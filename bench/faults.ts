/**
 * npm run test:faults:wide: every operation against the emulator at several fault rates and seeds (the wide
 * matrix; `npm test` runs a small one in __tests__/reliability/faults.test.ts). Prints, per operation and
 * fault rate, how many runs succeeded, the retries they needed, the branches left behind (must be 0) and any
 * outcome the operation may not have (must be none). Exits 1 if there is one.
 *
 *   npm run test:faults:wide -- [--rates 0,0.1,0.2,0.3,0.4,0.5] [--seeds 1,2,3] [--only restore,query] [--verbose]
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import {
  faultSpec,
  FaultWorld,
  OPERATIONS,
  runScenario,
  type Outcome,
  type ScenarioName
} from '../__tests__/reliability/scenarios.js'

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '0,0.1,0.2,0.3,0.4,0.5' },
    seeds: { type: 'string', default: '1,2,3' },
    only: { type: 'string' },
    verbose: { type: 'boolean', default: false }
  }
})
const rates = values.rates!.split(',').map(Number)
const seeds = values.seeds!.split(',').map(Number)
const scenarios = (values.only ? values.only.split(',') : OPERATIONS) as ScenarioName[]

const results = new Map<string, Outcome[]>()
const key = (scenario: string, rate: number) => `${scenario}@${rate}`
const started = Date.now()

for (const rate of rates) {
  for (const seed of seeds) {
    const spec = faultSpec(rate, seed)
    const world = await FaultWorld.start(rate === 0 ? '' : spec)
    try {
      for (const scenario of scenarios) {
        const outcome = await runScenario(world, scenario)
        results.set(key(scenario, rate), [...(results.get(key(scenario, rate)) ?? []), outcome])
        const verdict = outcome.problems.length > 0 ? 'PROBLEM' : outcome.succeeded ? 'ok' : 'failed clearly'
        process.stderr.write(
          `rate ${rate} seed ${seed} ${scenario}: ${verdict}, ${outcome.retries} retries, ${outcome.ms} ms` +
            (outcome.error && (values.verbose || !outcome.succeeded) ? `\n    error: ${outcome.error}` : '') +
            outcome.problems.map((problem) => `\n    problem: ${problem}`).join('') +
            '\n'
        )
        if (values.verbose && outcome.problems.length > 0) process.stderr.write(outcome.main.log.slice(-3000) + '\n')
      }
    } finally {
      await world.stop()
    }
  }
}

const header = ['operation', ...rates.map((rate) => `faults ${Math.round(rate * 100)}%`)]
const rows = scenarios.map((scenario) => [
  scenario,
  ...rates.map((rate) => {
    const outcomes = results.get(key(scenario, rate)) ?? []
    const succeeded = outcomes.filter((outcome) => outcome.succeeded).length
    const retries = outcomes.reduce((sum, outcome) => sum + outcome.retries, 0)
    const leaked = outcomes.reduce((sum, outcome) => sum + outcome.leaked.length, 0)
    const bad = outcomes.filter((outcome) => outcome.problems.length > 0).length
    return `${succeeded}/${outcomes.length} ok, ${retries} retries, ${leaked} leaked${bad ? `, ${bad} BAD` : ''}`
  })
])
const all = [...results.values()].flat()
const lines = [
  `Fault matrix: ${scenarios.length} operations x rates ${rates.join(', ')} x seeds ${seeds.join(', ')} ` +
    `(${all.length} runs, ${Math.round((Date.now() - started) / 1000)} s)`,
  `Machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
    `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  `Faults at rate r: 423 r/4 (mutations only), 429 r/4 (Retry-After: 1), 503 r/4, drop r/8 (mutations only, ` +
    'after applying), slow r/8',
  '',
  `| ${header.join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.map((row) => `| ${row.join(' | ')} |`)
]
const failures = all.filter((outcome) => !outcome.succeeded && outcome.problems.length === 0)
if (failures.length > 0) {
  lines.push('', 'Runs that failed (with a clear message, nothing left behind):')
  for (const outcome of failures) lines.push(`- ${outcome.scenario}: ${outcome.error?.split('\n')[0]}`)
}
console.log(lines.join('\n'))
process.exitCode = all.some((outcome) => outcome.problems.length > 0) ? 1 : 0
