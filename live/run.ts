/**
 * `npm run test:live`: the action's end-to-end scenarios against a real Neon project (or anything that speaks
 * its API: `npm test` runs this same file against the emulator, __tests__/live/emulator.test.ts). Reads
 * NEON_API_KEY, NEON_PROJECT_ID (a disposable project whose branches may be overwritten) and NEON_API_HOST
 * (default Neon's); prints one line per scenario and `N passed, N failed`; exits 1 on any failure.
 */
import { LiveContext, readSettings, SettingsError } from './context.js'
import { exitCode, runScenarios, type Scenario } from './runner.js'
import { SCENARIOS } from './scenarios/index.js'

/** The last scenario: nothing the run made is left, nothing it found is gone. */
const LEFT_AS_FOUND: Scenario<LiveContext> = {
  name: 'the project is left as it was found',
  run: (live) => live.leftAsFound()
}

async function main(): Promise<number> {
  let settings
  try {
    settings = readSettings(process.env)
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error
    console.error(error.message)
    return 1
  }
  const live = await LiveContext.open(settings, console.log)
  console.log(`live suite on project ${settings.projectId} at ${settings.apiHost}, branches ${live.prefix}-*`)
  try {
    const report = await runScenarios([...SCENARIOS, LEFT_AS_FOUND], live, { after: () => live.cleanUp() })
    return exitCode(report)
  } finally {
    live.dispose()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`live suite could not run: ${(error as Error).message}`)
    process.exit(1)
  }
)
