export const id = 579;
export const ids = [579];
export const modules = {

/***/ 1370:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KV: () => (/* binding */ readChecksFile),
/* harmony export */   NK: () => (/* binding */ runDrillCheck),
/* harmony export */   Oi: () => (/* binding */ phase),
/* harmony export */   Uu: () => (/* binding */ checkRows),
/* harmony export */   s3: () => (/* binding */ drillFailure)
/* harmony export */ });
/* unused harmony export parseChecks */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _postgres_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9517);
/** verify's checks (either backend): read from checks or checks-file, one SQL statement a line, and run. */



/** One SQL statement a line; blank lines and `--` comments are skipped. */
function parseChecks(text) {
    return text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('--'));
}
async function readChecksFile(file) {
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const full = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(workspace, file);
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(full, 'utf8');
    }
    catch {
        throw new Error(`checks-file: ${file} was not found in the workspace (${workspace}); check out the repository first`);
    }
    const checks = parseChecks(text);
    if (checks.length === 0)
        throw new Error(`checks-file: ${file} holds no checks (one SQL statement a line)`);
    return checks;
}
/** Runs one check; a failure to answer (no boolean, no connection) is a failed check with its reason. */
async function runDrillCheck(uri, sql, timeoutMs) {
    const started = Date.now();
    try {
        const outcome = await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .runCheck */ .k_)(uri, sql, { timeoutMs });
        if (outcome.kind === 'sql-error') {
            return { sql, passed: false, ms: outcome.ms, detail: `error ${outcome.code}: ${outcome.message}` };
        }
        return { sql, passed: outcome.healthy, ms: outcome.ms, detail: outcome.healthy ? 'true' : 'false' };
    }
    catch (error) {
        if (error instanceof _postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .NotBooleanError */ .uu || error instanceof _postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .ConnectionError */ .Rc) {
            return { sql, passed: false, ms: Date.now() - started, detail: error.message };
        }
        throw error;
    }
}
/** Runs one phase: records its time when it completes, or where the drill stopped when it fails. */
async function phase(record, name, work) {
    const started = Date.now();
    try {
        const value = await work();
        record.phases.push([name, Date.now() - started]);
        return value;
    }
    catch (error) {
        record.stopped ??= { phase: name, error: error };
        throw error;
    }
}
/** The drill's verdict on `from` (what was restored, at which point): undefined when it passed, else why not. */
function drillFailure(record, checks, from) {
    const failed = record.reports.filter((check) => !check.passed);
    if (!record.stopped && failed.length === 0 && record.reports.length === checks)
        return undefined;
    return record.stopped
        ? `verify: the drill of ${from} stopped at "${record.stopped.phase}": ${record.stopped.error.message}`
        : `verify: ${failed.length} of ${checks} checks failed on ${from}: ` +
            failed.map((check) => `${check.sql} → ${check.detail}`).join('; ');
}
/** The rows of the summary's table of checks: the statement, its result and its time. */
function checkRows(reports) {
    return reports.map((check) => [check.sql, check.passed ? 'passed' : `FAILED: ${check.detail}`, `${check.ms} ms`]);
}


/***/ }),

/***/ 2579:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  execute: () => (/* binding */ execute),
  plan: () => (/* binding */ plan),
  report: () => (/* reexport */ report)
});

// EXTERNAL MODULE: ./src/drill-checks.ts
var drill_checks = __webpack_require__(1370);
// EXTERNAL MODULE: ./src/postgres/index.ts + 9 modules
var postgres = __webpack_require__(9517);
// EXTERNAL MODULE: ./src/selfhosted/restore.ts + 4 modules
var restore = __webpack_require__(5597);
// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
// EXTERNAL MODULE: ./src/summary.ts
var src_summary = __webpack_require__(8855);
// EXTERNAL MODULE: ./src/selfhosted/backup.ts
var backup = __webpack_require__(7375);
// EXTERNAL MODULE: ./src/point.ts
var point = __webpack_require__(9525);
// EXTERNAL MODULE: ./src/format.ts
var format = __webpack_require__(6264);
;// CONCATENATED MODULE: ./src/selfhosted/verify-report.ts
/** The report of a self-hosted restore drill: outputs and the job summary, from what the result holds only. */






/**
 * The recovery point: how much before the target the newest replayed commit is. For `head` the target is the
 * moment of the drill: the data a restore right now would lose. An LSN target has no time to measure from.
 */
function recoveryPointMs(plan, lastCommit, now) {
    if (!lastCommit || plan.target.kind === 'lsn')
        return undefined;
    const target = plan.target.kind === 'time' ? Date.parse(plan.target.time) : now.getTime();
    return Math.max(0, target - Date.parse(lastCommit));
}
function phaseMs(result, name) {
    return result.phases.find(([phase]) => phase === name)?.[1];
}
function facts(plan, result, now) {
    const { reached, binaries } = result;
    const rpo = recoveryPointMs(plan, reached?.lastCommit, now);
    const ms = (name) => {
        const value = phaseMs(result, name);
        return value === undefined ? undefined : (0,duration/* formatDuration */.a3)(value);
    };
    return [
        ['Backup', (0,backup/* describeBackup */._1)(plan.settings.backup)],
        ['Point', (0,point/* describePoint */.yR)(plan.settings.at)],
        ['PostgreSQL', binaries ? `${binaries.major} (${binaries.from}: ${binaries.bin})` : undefined],
        ['Restore time', ms('Restore')],
        ['WAL replay time', ms('WAL replay')],
        [
            'WAL replayed',
            reached?.walBytes === undefined ? undefined : `${(0,format/* formatBytes */.z3)(reached.walBytes)} (to LSN ${reached.lsn})`
        ],
        ['Newest commit reached', reached ? (reached.lastCommit ?? 'none replayed') : undefined],
        [
            'Recovery point',
            rpo === undefined ? undefined : `${(0,duration/* formatDuration */.a3)(rpo)} before ${plan.target.kind === 'end' ? 'now' : 'at'}`
        ],
        ...standbyFacts(plan, result, ms('Catch-up')),
        ['Restored copy', result.cleanupError ? 'NOT removed: the post step tries again' : 'stopped and removed']
    ];
}
/** verify-standby: how far behind the standby was at T0 and how long it took to catch up. */
function standbyFacts(plan, result, took) {
    if (!plan.standby)
        return [];
    const caught = result.catchUp;
    return [
        [
            'Standby',
            caught ? `caught up with the primary in ${took} (WAL receiver ${caught.receiverStatus})` : 'did not catch up'
        ],
        [
            'Behind the primary at T0',
            caught ? `${(0,format/* formatBytes */.z3)(caught.bytesBehind)} (primary at LSN ${caught.primaryLsn})` : undefined
        ]
    ];
}
/** verify-standby's outputs, once the standby caught up. */
function standbyOutputs(result) {
    const caught = result.catchUp;
    if (!caught)
        return {};
    return { 'standby-lag-bytes': String(caught.bytesBehind), 'standby-catchup-ms': String(caught.ms) };
}
function report(plan, result, now = new Date()) {
    const from = `${(0,backup/* describeBackup */._1)(plan.settings.backup)} at ${(0,point/* describePoint */.yR)(plan.settings.at)}`;
    const failure = (0,drill_checks/* drillFailure */.s3)(result, plan.checks.length, from);
    const passed = failure === undefined;
    const summary = new src_summary/* Summary */.BD()
        .heading(`Restore drill of ${from}: ${passed ? 'passed' : 'FAILED'}`)
        .keyValues(facts(plan, result, now));
    if (result.stopped)
        summary.paragraph(`The drill stopped at "${result.stopped.phase}": ${result.stopped.error.message}`);
    if (result.sizes.length > 0)
        summary.table(['database', 'size'], result.sizes.map((size) => [size.database, (0,format/* formatBytes */.z3)(size.bytes)]));
    if (result.reports.length > 0) {
        summary.table(['check', 'result', 'took'], (0,drill_checks/* checkRows */.Uu)(result.reports));
    }
    const outputs = { passed: String(passed), ...standbyOutputs(result) };
    const total = result.phases.filter(([name]) => name !== 'Cleanup').reduce((sum, [, ms]) => sum + ms, 0);
    if (!result.stopped)
        outputs['duration-ms'] = String(total);
    return { outputs, summary, failed: failure };
}

// EXTERNAL MODULE: ./src/selfhosted/conninfo.ts
var conninfo = __webpack_require__(2159);
// EXTERNAL MODULE: ./src/selfhosted/standby.ts
var selfhosted_standby = __webpack_require__(1596);
;// CONCATENATED MODULE: ./src/selfhosted/verify.ts







async function plan(settings, context) {
    const checks = settings.checksFile ? await (0,drill_checks/* readChecksFile */.KV)(settings.checksFile) : settings.checks;
    return { ...(await (0,restore.planRestore)(settings, context)), settings, checks, standby: settings.standby };
}
async function readReached(uri, startLsn) {
    return (0,postgres/* withClient */.SV)(uri, async (client) => {
        const { rows } = await client.query(`SELECT pg_last_wal_replay_lsn()::text AS lsn, pg_last_xact_replay_timestamp() AS last_commit,
              CASE WHEN $1::pg_lsn IS NULL THEN NULL ELSE pg_wal_lsn_diff(pg_last_wal_replay_lsn(), $1::pg_lsn)::bigint END AS bytes`, [startLsn ?? null]);
        const sizes = await client.query('SELECT datname, pg_database_size(datname)::bigint AS bytes FROM pg_database WHERE datallowconn ORDER BY datname');
        const [row] = rows;
        return {
            reached: {
                lsn: row.lsn,
                lastCommit: row.last_commit ? row.last_commit.toISOString() : undefined,
                walBytes: row.bytes === null ? undefined : Number(row.bytes)
            },
            sizes: sizes.rows.map((size) => ({ database: size.datname, bytes: Number(size.bytes) }))
        };
    });
}
/** The checks on the restored cluster, after reading what the replay reached. */
async function drill(plan, result, restored, context) {
    const { settings } = plan;
    const uri = restored.uri(settings.database, settings.role);
    const standby = plan.standby;
    if (standby) {
        context.info('The restored copy runs as a standby; waiting until it has caught up with the primary');
        const primaryUri = (0,conninfo/* normalConnectionUri */.OG)((0,conninfo/* parseConninfo */.GL)(standby.conninfo));
        result.catchUp = await (0,drill_checks/* phase */.Oi)(result, 'Catch-up', () => (0,selfhosted_standby/* catchUp */.xA)(primaryUri, uri, standby.timeoutMs, restored.log));
    }
    Object.assign(result, await readReached(uri, restored.startLsn));
    context.info(`Recovery ended at LSN ${result.reached?.lsn}; running ${plan.checks.length} checks`);
    await (0,drill_checks/* phase */.Oi)(result, 'Checks', async () => {
        for (const sql of plan.checks)
            result.reports.push(await (0,drill_checks/* runDrillCheck */.NK)(uri, sql, settings.checkTimeoutMs));
    });
}
async function execute(plan, context, remember) {
    const result = { phases: [], reports: [], sizes: [] };
    const hooks = {
        remember,
        phase: (name, work) => (0,drill_checks/* phase */.Oi)(result, name, work),
        binaries: (binaries) => (result.binaries = binaries),
        cleanupFailed: (error) => (result.cleanupError = error)
    };
    await (0,restore.withRestoredCluster)(plan, context, hooks, (restored) => drill(plan, result, restored, context)).catch((error) => {
        result.stopped ??= { phase: result.phases.length > 0 ? 'Checks' : 'Restore', error };
    });
    return result;
}


/***/ })

};
