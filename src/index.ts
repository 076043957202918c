/**
 * The bundle's entry point, for both steps in action.yml (main and post). It only calls run() (src/main.ts),
 * as the actions/typescript-action template does, so local-action can run src/main.ts from the checkout.
 */
import { run } from './main.js'

void run()
