/**
 * Writes the README's input and output tables from action.yml, so the docs never drift from the action
 * (`npm run docs`; a test fails when the README is stale).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import { parse } from 'yaml'

interface ActionYaml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const START = '<!-- action-docs:start (generated from action.yml by npm run docs) -->'
const END = '<!-- action-docs:end -->'

const cell = (text: string) => text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|')

export function actionDocs(actionYaml: string): string {
  const action = parse(actionYaml) as ActionYaml
  const inputs = Object.entries(action.inputs).map(([name, input]) => {
    const fallback = input.default ? `\`${input.default}\`` : input.required ? '**required**' : ''
    return `| \`${name}\` | ${cell(input.description)} | ${fallback} |`
  })
  const outputs = Object.entries(action.outputs).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`
  )
  return [
    START,
    '### Inputs',
    '',
    '| input | description | default |',
    '|---|---|---|',
    ...inputs,
    '',
    '### Outputs',
    '',
    '| output | description |',
    '|---|---|',
    ...outputs,
    END
  ].join('\n')
}

/** The README with its generated section replaced, formatted as `npm run format` would. */
export async function withActionDocs(readme: string, actionYaml: string): Promise<string> {
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start < 0 || end < start) throw new Error(`README.md has no "${START}" … "${END}" section`)
  const text = readme.slice(0, start) + actionDocs(actionYaml) + readme.slice(end + END.length)
  const readmePath = path.join(root, 'README.md')
  const config = await prettier.resolveConfig(readmePath)
  return prettier.format(text, { ...config, filepath: readmePath })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readmePath = path.join(root, 'README.md')
  const updated = await withActionDocs(
    readFileSync(readmePath, 'utf8'),
    readFileSync(path.join(root, 'action.yml'), 'utf8')
  )
  writeFileSync(readmePath, updated)
}
