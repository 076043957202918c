export const id = 903;
export const ids = [903];
export const modules = {

/***/ 4903:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runSelfHosted: () => (/* binding */ runSelfHosted)
});

// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
// EXTERNAL MODULE: ./src/point.ts
var point = __webpack_require__(9525);
// EXTERNAL MODULE: ./src/summary.ts
var src_summary = __webpack_require__(8855);
// EXTERNAL MODULE: ./src/selfhosted/backup.ts
var backup = __webpack_require__(7375);
// EXTERNAL MODULE: ./src/selfhosted/cluster.ts
var cluster = __webpack_require__(3779);
;// CONCATENATED MODULE: ./src/selfhosted/dry-run.ts
/**
 * `dry-run: true` with backend: postgres: the operation's own plan (the backup's version and earliest point, the
 * binaries, the point, the archive check, and the operation's inputs), printed as the summary. Nothing is started
 * and nothing is written: no work directory in RUNNER_TEMP, no npm install of server binaries (the build that
 * would be installed is named instead).
 */





/** The plan as a summary; `own` are the operation's rows (its checks, its statement, its tables). */
function dryRunReport(plan, own) {
    const { settings, binaries } = plan;
    const summary = new src_summary/* Summary */.BD()
        .heading(`${settings.operation} with backend: postgres, dry run: the plan`)
        .keyValues([
        ['Backup', (0,backup/* describeBackup */._1)(settings.backup)],
        ['Point', (0,point/* describePoint */.yR)(settings.at)],
        ['Earliest point', plan.facts.bound],
        [
            'PostgreSQL',
            binaries
                ? `${binaries.major} (${binaries.from}: ${binaries.bin})`
                : 'known once the backup command ran (its PG_VERSION)'
        ],
        ['WAL archive', plan.archiveCheck],
        ['Restore into', `a new ${cluster/* WORK_DIR_PREFIX */.tU}* directory in ${plan.parentDir}, removed afterwards`],
        ['Recovery timeout', (0,duration/* formatDuration */.a3)(settings.recoveryTimeoutMs)],
        ...own
    ])
        .paragraph('Dry run: nothing was started and nothing was written. Remove dry-run to run it.');
    return { summary, outputs: {} };
}

;// CONCATENATED MODULE: ./src/selfhosted/index.ts


async function runSelfHosted(settings, context, remember) {
    switch (settings.operation) {
        case 'verify': {
            const drill = await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517), __webpack_require__.e(597), __webpack_require__.e(579)]).then(__webpack_require__.bind(__webpack_require__, 2579));
            const plan = await drill.plan(settings, context);
            if (settings.dryRun)
                return dryRunReport(plan, [['Checks', plan.checks.join('\n')]]);
            return drill.report(plan, await drill.execute(plan, context, remember));
        }
        case 'query': {
            const query = await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(643), __webpack_require__.e(517), __webpack_require__.e(597), __webpack_require__.e(727), __webpack_require__.e(37)]).then(__webpack_require__.bind(__webpack_require__, 1037));
            const plan = await query.plan(settings, context);
            if (settings.dryRun)
                return dryRunReport(plan, [['SQL', settings.sql]]);
            return query.report(plan, await query.execute(plan, context, remember), context);
        }
        case 'bisect': {
            const bisect = await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(643), __webpack_require__.e(517), __webpack_require__.e(597), __webpack_require__.e(727), __webpack_require__.e(659), __webpack_require__.e(348), __webpack_require__.e(319), __webpack_require__.e(671)]).then(__webpack_require__.bind(__webpack_require__, 9015));
            const plan = await bisect.plan(settings, context);
            if (settings.dryRun)
                return dryRunReport({ ...plan.restore, settings: { ...settings, at: settings.good } }, bisectRows(plan));
            return bisect.report(plan, await bisect.execute(plan, context, remember), context);
        }
        case 'recover': {
            const recover = await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(643), __webpack_require__.e(517), __webpack_require__.e(597), __webpack_require__.e(727), __webpack_require__.e(369), __webpack_require__.e(213)]).then(__webpack_require__.bind(__webpack_require__, 9341));
            const plan = await recover.plan(settings, context);
            if (settings.dryRun)
                return dryRunReport(plan, recoverRows(plan));
            return recover.report(plan, await recover.execute(plan, context, remember), context);
        }
    }
}
function bisectRows(plan) {
    const { settings } = plan;
    return [
        ['Check', settings.check],
        ['Bad', (0,point/* describePoint */.yR)(settings.bad)],
        ['Copies a round', `${settings.parallelism}, each about the size of the restored data directory, plus 2 held`]
    ];
}
function recoverRows(plan) {
    const { settings, live } = plan;
    return [
        ['Tables', settings.tables.join(', ')],
        [
            'Into',
            `database ${live.database} as ${live.role}, mode ${settings.mode}${settings.into ? `, schema ${settings.into}` : ''}`
        ],
        ['Where', settings.where]
    ];
}


/***/ })

};
