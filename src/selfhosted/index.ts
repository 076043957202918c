/** The operations with backend: postgres: each plans before anything starts, then restores and reports. */
import type { SelfHostedSettings } from '../inputs.js'
import type { OperationResult, RunContext } from '../run.js'

export async function runSelfHosted(
  settings: SelfHostedSettings,
  context: RunContext,
  remember: (workDir: string) => void
): Promise<OperationResult> {
  switch (settings.operation) {
    case 'verify': {
      const drill = await import('./verify.js')
      const plan = await drill.plan(settings, context)
      return drill.report(plan, await drill.execute(plan, context, remember))
    }
    case 'query': {
      const query = await import('./query.js')
      const plan = await query.plan(settings, context)
      return query.report(plan, await query.execute(plan, context, remember), context)
    }
    case 'bisect': {
      const bisect = await import('./bisect.js')
      const plan = await bisect.plan(settings, context)
      return bisect.report(plan, await bisect.execute(plan, context, remember), context)
    }
    case 'recover': {
      const recover = await import('./recover.js')
      const plan = await recover.plan(settings, context)
      return recover.report(plan, await recover.execute(plan, context, remember), context)
    }
  }
}
