/** The operations with backend: postgres: each plans before anything starts, then restores and reports. */
import type { SelfHostedSettings } from '../inputs.js'
import type { OperationResult, RunContext } from '../run.js'
import { dryRunReport } from './dry-run.js'
import type { SelfHostedRecoverPlan } from './recover.js'
import type { SelfHostedBisectPlan } from './bisect.js'
import { describePoint } from '../point.js'

export async function runSelfHosted(
  settings: SelfHostedSettings,
  context: RunContext,
  remember: (workDir: string) => void
): Promise<OperationResult> {
  switch (settings.operation) {
    case 'verify': {
      const drill = await import('./verify.js')
      const plan = await drill.plan(settings, context)
      if (settings.dryRun) return dryRunReport(plan, [['Checks', plan.checks.join('\n')]])
      return drill.report(plan, await drill.execute(plan, context, remember))
    }
    case 'query': {
      const query = await import('./query.js')
      const plan = await query.plan(settings, context)
      if (settings.dryRun) return dryRunReport(plan, [['SQL', settings.sql]])
      return query.report(plan, await query.execute(plan, context, remember), context)
    }
    case 'bisect': {
      const bisect = await import('./bisect.js')
      const plan = await bisect.plan(settings, context)
      if (settings.dryRun)
        return dryRunReport({ ...plan.restore, settings: { ...settings, at: settings.good } }, bisectRows(plan))
      return bisect.report(plan, await bisect.execute(plan, context, remember), context)
    }
    case 'recover': {
      const recover = await import('./recover.js')
      const plan = await recover.plan(settings, context)
      if (settings.dryRun) return dryRunReport(plan, recoverRows(plan))
      return recover.report(plan, await recover.execute(plan, context, remember), context)
    }
  }
}

function bisectRows(plan: SelfHostedBisectPlan): [string, string | undefined][] {
  const { settings } = plan
  return [
    ['Check', settings.check],
    ['Bad', describePoint(settings.bad)],
    ['Copies a round', `${settings.parallelism}, each about the size of the restored data directory, plus 2 held`]
  ]
}

function recoverRows(plan: SelfHostedRecoverPlan): [string, string | undefined][] {
  const { settings, live } = plan
  return [
    ['Tables', settings.tables.join(', ')],
    [
      'Into',
      `database ${live.database} as ${live.role}, mode ${settings.mode}${settings.into ? `, schema ${settings.into}` : ''}`
    ],
    ['Where', settings.where]
  ]
}
