import { renderTemplate, validateTemplate } from '../../src/template.js'

const values = {
  branch: 'main',
  operation: 'snapshot',
  runId: '123456',
  runAttempt: '2',
  sha: '0123456789abcdef0123456789abcdef01234567',
  now: new Date('2026-11-24T06:33:57.250Z')
}

describe('renderTemplate', () => {
  it('fills every placeholder', () => {
    expect(renderTemplate('{branch}-{operation}-{run_id}-{run_attempt}-{sha}-{timestamp}', values)).toBe(
      'main-snapshot-123456-2-0123456-20261124T063357Z'
    )
  })

  it('repeats placeholders and keeps literal text', () => {
    expect(renderTemplate('{branch}_old_{timestamp}/{branch}', values)).toBe('main_old_20261124T063357Z/main')
  })

  it('refuses names longer than Neon accepts', () => {
    expect(() => renderTemplate('x'.repeat(250) + '{timestamp}', values)).toThrow(
      'makes a name of 266 characters (Neon allows 256): shorten it'
    )
  })
})

describe('validateTemplate', () => {
  it('accepts known placeholders', () => {
    expect(() => validateTemplate('pre-migration-{sha}')).not.toThrow()
  })

  it('names unknown placeholders and lists the available ones', () => {
    expect(() => validateTemplate('{branch}-{job}-{Run_id}')).toThrow(
      '"{branch}-{job}-{Run_id}" uses unknown placeholder {job}, {Run_id} (available: {branch}, {operation}, {run_id}, {run_attempt}, {sha}, {timestamp})'
    )
  })

  it('refuses unbalanced braces and empty templates', () => {
    expect(() => validateTemplate('{branch')).toThrow('has an unmatched { or }')
    expect(() => validateTemplate('branch}')).toThrow('has an unmatched { or }')
    expect(() => validateTemplate('  ')).toThrow('the name template is empty')
  })
})
