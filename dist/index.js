// The action's entry (action.yml runs.main and runs.post); written by tools/bundle.mjs.
import { action } from './bundle.js'

await action()
