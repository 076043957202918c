/** `npm run bench`: the bisect benchmark (bench/bisect.ts; its flags pass through, e.g. `-- --ranges 16,21`). */
await import('./bisect.js')
