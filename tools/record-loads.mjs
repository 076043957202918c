// Records which files a node process loads as ES modules, to show what each run of the bundle reads:
// `RECORD_LOADS=<file> node --import ./tools/record-loads.mjs dist/index.js` appends the path of every file
// loaded (dist/index.js and each chunk it imports) to <file>, one a line, before it runs. Used by the
// bundle tests and bench/cold-start.ts; a load hook sees the chunks that webpack's runtime import()s.
import { register } from 'node:module'

const hooks = `
import { appendFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
let file
export function initialize(data) { file = data }
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(file, fileURLToPath(url) + '\\n')
  return next(url, context)
}`

if (process.env.RECORD_LOADS) {
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: process.env.RECORD_LOADS })
}
