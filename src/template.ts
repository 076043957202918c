/** Name templates such as `{branch}-snapshot-{run_id}`: checked when inputs are read, filled in when planning. */
import { compactTime } from './format.js'

export interface TemplateValues {
  branch: string
  operation: string
  runId: string
  runAttempt: string
  /** Full commit SHA; the template uses its first 7 characters as git does. */
  sha: string
  now: Date
}

const PLACEHOLDERS: Record<string, (values: TemplateValues) => string> = {
  branch: (v) => v.branch,
  operation: (v) => v.operation,
  run_id: (v) => v.runId,
  run_attempt: (v) => v.runAttempt,
  sha: (v) => v.sha.slice(0, 7),
  timestamp: (v) => compactTime(v.now)
}

const PLACEHOLDER_LIST = Object.keys(PLACEHOLDERS)
  .map((name) => `{${name}}`)
  .join(', ')

/** Neon's limit for branch names. */
export const MAX_NAME_LENGTH = 256

/** Throws for unknown placeholders and unbalanced braces, so a typo fails before anything is created. */
export function validateTemplate(template: string): void {
  const unknown = placeholdersIn(template).filter((name) => !(name in PLACEHOLDERS))
  if (unknown.length > 0) {
    const names = unknown.map((name) => `{${name}}`).join(', ')
    throw new Error(`"${template}" uses unknown placeholder ${names} (available: ${PLACEHOLDER_LIST})`)
  }
  const withoutPlaceholders = template.replace(/\{[^{}]*\}/g, '')
  if (/[{}]/.test(withoutPlaceholders)) {
    throw new Error(`"${template}" has an unmatched { or } (placeholders look like {branch})`)
  }
  if (!template.trim()) throw new Error('the name template is empty')
}

export function renderTemplate(template: string, values: TemplateValues): string {
  validateTemplate(template)
  const name = template.replace(/\{([^{}]*)\}/g, (_, placeholder: string) => PLACEHOLDERS[placeholder](values))
  if (name.length > MAX_NAME_LENGTH) {
    throw new Error(
      `"${template}" makes a name of ${name.length} characters (Neon allows ${MAX_NAME_LENGTH}): shorten it`
    )
  }
  return name
}

function placeholdersIn(template: string): string[] {
  return [...template.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1])
}
