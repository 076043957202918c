export const id = 949;
export const ids = [949];
export const modules = {

/***/ 949:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runSelfHostedCli: () => (/* binding */ runSelfHostedCli)
/* harmony export */ });
/* unused harmony export selfHostedDestructiveStep */
/* harmony import */ var _cancel_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(833);
/* harmony import */ var _consent_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1496);
/**
 * The command line with backend: postgres: the same plan, restore and report as the action's step
 * (src/selfhosted/), no Neon connection. It has no post step, so Ctrl-C (SIGINT) or SIGTERM stops the restored
 * server and removes its work directory before the process exits; a SIGKILL leaves the directory (named
 * neon-recovery-* in TMPDIR) for the user to remove. recover with mode: merge writes into the live database, so
 * it asks first (or needs --yes), as recover does on Neon.
 */


/** What the run would change in place, or undefined when it only reads or adds (a new schema). */
function selfHostedDestructiveStep(settings) {
    if (settings.operation === 'recover' && settings.mode === 'merge')
        return 'recover with mode: merge writes into the live database (database-url)';
    return undefined;
}
async function consented(settings, yes, terminal) {
    const step = selfHostedDestructiveStep(settings);
    if (!step || yes || settings.dryRun)
        return true;
    if (!(0,_consent_js__WEBPACK_IMPORTED_MODULE_1__/* .canAsk */ .Gj)()) {
        terminal.error(`${step}: not run without a terminal to ask in; add --yes to run it`);
        return false;
    }
    if (await (0,_consent_js__WEBPACK_IMPORTED_MODULE_1__/* .askToProceed */ .d7)(step))
        return true;
    terminal.info('Nothing changed.');
    return false;
}
/** Runs the operation on a restored copy; undefined when the user declined. */
async function runSelfHostedCli(settings, yes, terminal, context) {
    if (!(await consented(settings, yes, terminal)))
        return undefined;
    const restore = await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517), __webpack_require__.e(597), __webpack_require__.e(779)]).then(__webpack_require__.bind(__webpack_require__, 5597));
    const cancellation = new _cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .Cancellation */ .mT();
    (0,_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .handleCancellation */ .qO)({
        cancellation,
        info: (message) => terminal.info(message),
        report: () => terminal.error('Interrupted: the restored copy was stopped and removed.'),
        exit: (code) => process.exit(code),
        cleanup: () => restore.removeActive()
    });
    const { runSelfHosted } = await Promise.all(/* import() */[__webpack_require__.e(779), __webpack_require__.e(903)]).then(__webpack_require__.bind(__webpack_require__, 4903));
    // No post step to hand the work directory to: the restore removes it itself, and so does the signal handler.
    const run = runSelfHosted(settings, context, () => undefined);
    // Once interrupted, the signal handler reports and exits when the copy is gone; what the run ends with meanwhile
    // (an error the stop caused) is not the outcome.
    const interrupted = () => new Promise(() => undefined);
    return run.then((result) => (cancellation.cancelled ? interrupted() : result), (error) => {
        if (cancellation.cancelled)
            return interrupted();
        throw error;
    });
}


/***/ })

};
