export { setup as default } from './postgres-processes.js'
