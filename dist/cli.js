#!/usr/bin/env node
// The neon-recovery command (package.json "bin"); written by tools/bundle.mjs.
import { cli } from './bundle.js'

await cli(process.argv.slice(2))
