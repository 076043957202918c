export { teardown as default } from './postgres-processes.js'
