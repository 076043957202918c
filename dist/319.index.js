export const id = 319;
export const ids = [319,284];
export const modules = {

/***/ 9318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ narrowingDiagram)
/* harmony export */ });
/* unused harmony export MAX_ROUNDS_SHOWN */
/* harmony import */ var _lsn_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2326);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6264);
/* harmony import */ var _mermaid_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4761);
/**
 * bisect's interval narrowing round by round as a flowchart: one node a round with the interval left after it
 * (LSNs as PostgreSQL prints them) and its width, then the answer. A chain of boxes stays readable at any
 * range, 2^29 bytes or more, because every box says its bounds in text; past MAX_ROUNDS_SHOWN rounds the middle
 * ones are one "…" box (the Rounds table lists them all). Pure.
 */



/** More rounds than this and only the first FIRST_SHOWN and the last LAST_SHOWN get a box. */
const MAX_ROUNDS_SHOWN = 12;
const FIRST_SHOWN = 4;
const LAST_SHOWN = 6;
function narrowingDiagram(facts) {
    const chart = new _mermaid_js__WEBPACK_IMPORTED_MODULE_0__/* .Flowchart */ .Tg('TD');
    const interval = (good, bad) => `${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_1__/* .formatLsn */ .rI)(good)} .. ${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_1__/* .formatLsn */ .rI)(bad)}`;
    let previous = chart.node(['bounds', interval(facts.good, facts.bad), (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(facts.bad - facts.good, { whole: true })], 'round');
    const { rounds } = facts;
    const cut = rounds.length > MAX_ROUNDS_SHOWN;
    rounds.forEach((round, index) => {
        if (cut && index === FIRST_SHOWN) {
            const hidden = rounds.length - FIRST_SHOWN - LAST_SHOWN;
            const skipped = chart.node([`… ${hidden} more rounds (see the Rounds table)`]);
            chart.edge(previous, skipped, undefined, 'dotted');
            previous = skipped;
        }
        if (cut && index >= FIRST_SHOWN && index < rounds.length - LAST_SHOWN)
            return;
        const node = chart.node([
            `round ${index + 1}`,
            interval(round.good, round.bad),
            (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(round.bad - round.good, { whole: true })
        ]);
        chart.edge(previous, node, `${round.probes} probe${round.probes === 1 ? '' : 's'}`);
        previous = node;
    });
    const answer = chart.node([`last good ${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_1__/* .formatLsn */ .rI)(facts.lastGood)}`, `first bad ${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_1__/* .formatLsn */ .rI)(facts.firstBad)}`], 'stadium');
    chart.edge(previous, answer);
    return { title: 'the search interval by round', source: chart.toString() };
}


/***/ }),

/***/ 8399:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ lineageDiagram)
/* harmony export */ });
/* harmony import */ var _mermaid_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4761);
/**
 * The lineage around a restore or a snapshot as a small flowchart: which branch the point was read on, at which
 * point, what was made from it, and where the overwritten state was kept. Pure: names and points come in.
 *
 * The spec (restoreProjectBranch, `preserve_under_name`): "the previous state of the branch will be saved to a
 * branch with this name". That this backup becomes the restored branch's parent in a restore to its own past is
 * the reading src/lineage.ts documents and the emulator models (emulator/api/controlplane.ts restoreBranch); the
 * Neon docs found do not say it in those words. So the backup is drawn as the parent there; otherwise the backup
 * is the old timeline kept beside it: a dotted "previous state kept as" edge.
 */

function lineageDiagram(facts) {
    const chart = new _mermaid_js__WEBPACK_IMPORTED_MODULE_0__/* .Flowchart */ .Tg('TD');
    const ids = (it) => (it.id ? [it.name, `(${it.id})`] : [it.name]);
    const backup = facts.backup;
    const fromLines = facts.from.snapshot ? [`snapshot ${facts.from.name}`, ...ids(facts.from).slice(1)] : ids(facts.from);
    const from = chart.node(backup?.isSource ? [`backup ${backup.name}`, ...ids(backup).slice(1)] : fromLines, 'round');
    if (facts.named)
        chart.edge(chart.node([facts.named], 'round'), from, 'before its last restore, held by', 'dotted');
    const made = chart.node([`${facts.made.what} ${facts.made.name}`, ...ids(facts.made).slice(1)]);
    chart.edge(from, made, facts.point ? `at ${facts.point}` : undefined);
    if (backup && !backup.isSource) {
        chart.edge(made, chart.node([`backup ${backup.name}`, ...ids(backup).slice(1)], 'round'), 'previous state kept as', 'dotted');
    }
    return { title: `lineage of ${facts.made.name}`, source: chart.toString() };
}


/***/ }),

/***/ 2438:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fs: () => (/* binding */ checkOrder),
/* harmony export */   Fw: () => (/* binding */ roundBound),
/* harmony export */   et: () => (/* binding */ plan)
/* harmony export */ });
/* harmony import */ var _lsn_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2326);
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9525);
/* harmony import */ var _postgres_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9517);
/* harmony import */ var _changes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7806);
/* harmony import */ var _search_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8019);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9425);
/* harmony import */ var _restore_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9284);
/* harmony import */ var _branch_connection_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9445);
/* harmony import */ var _lineage_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(555);









async function plan(settings, gateway, context) {
    const branch = await (0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .resolveBranch */ .pd)(gateway, settings.branch);
    const located = await (0,_lineage_js__WEBPACK_IMPORTED_MODULE_5__/* .locateBounds */ .uV)(gateway, branch, settings, settings.history);
    const connection = await (0,_branch_connection_js__WEBPACK_IMPORTED_MODULE_6__/* .connectionTo */ .mQ)(branch, settings, gateway, context, 'bisect');
    const timeline = { ...connection, branch: located.good.branch };
    const [good, bad] = await Promise.all(['good', 'bad'].map((name) => readBound(name, settings[name], timeline)));
    if (good.lsn !== undefined && bad.lsn !== undefined)
        checkOrder(good, bad);
    const note = located.good.note && `${located.good.note}; bisect searches ${timeline.branch.name}`;
    const result = {
        settings,
        connection,
        timeline,
        note,
        good,
        bad,
        ...(await tablesToCompare(settings, timeline, good))
    };
    if (settings.then === 'recover')
        checkUndo(result);
    if (settings.then === 'branch') {
        result.recoveryName = (0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .nameFor */ .Fe)(settings.name, branch, 'bisect', context);
        if (await gateway.branches.findByName(result.recoveryName)) {
            throw new Error(`name: a branch named "${result.recoveryName}" already exists; choose a name template that makes a new name`);
        }
    }
    if (settings.then === 'restore') {
        result.restoreSettings = {
            operation: 'restore',
            apiKey: settings.apiKey,
            projectIds: settings.projectIds,
            projectId: settings.projectId,
            apiHost: settings.apiHost,
            branch: branch.id,
            history: settings.history,
            dryRun: false,
            // A placeholder until the answer is known; restoreRefusal reads only the target and confirm.
            source: { kind: 'self', point: { kind: 'head' } },
            name: settings.name,
            confirm: settings.confirm
        };
        result.refusal = _restore_js__WEBPACK_IMPORTED_MODULE_4__.restoreRefusal(result.restoreSettings, branch, true);
    }
    return result;
}
/** `tables`, or the tables the check reads, from its plan at good (a failure there only loses the comparison). */
async function tablesToCompare(settings, timeline, good) {
    const at = good.lsn ?? (good.point.kind === 'timestamp' ? { timestamp: good.point.timestamp } : undefined);
    if (at === undefined)
        return { tables: settings.tables ?? [] };
    const uri = (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_1__.pastUri)(timeline, at);
    if (settings.tables) {
        await checkTablesAt(uri, settings.tables, `good (${(0,_point_js__WEBPACK_IMPORTED_MODULE_0__/* .describePoint */ .yR)(good.point)})`);
        return { tables: settings.tables };
    }
    try {
        return { tables: await (0,_changes_js__WEBPACK_IMPORTED_MODULE_2__/* .tablesReadBy */ .fx)(uri, settings.check) };
    }
    catch (error) {
        return { tables: [], tablesNote: `the tables the check reads could not be found: ${error.message}` };
    }
}
/** The tables named must be tables at good, or the comparison after the search would fail. */
async function checkTablesAt(uri, tables, label) {
    await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_1__/* .withClient */ .SV)(uri, async (client) => {
        for (const table of tables) {
            const shape = await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_1__/* .readTableShape */ .Yr)(client, table).catch((error) => {
                throw new Error(`tables: ${error.message}`);
            });
            if (!shape)
                throw new Error(`tables: ${table} does not exist at ${label}; name tables that the check's data lives in`);
        }
    });
}
/** then: recover undoes on the branch's own history, in tables it knows before the search starts. */
function checkUndo(plan) {
    const { connection, timeline } = plan;
    if (timeline.branch.id !== connection.branch.id) {
        throw new Error(`then: recover undoes the change on ${connection.branch.name}'s own history, but good and bad lie before its ` +
            `last restore (bisect searches ${timeline.branch.name}): use then: report or then: branch`);
    }
    if (plan.tables.length === 0) {
        throw new Error(`tables: then: recover needs the tables to undo, and ${plan.tablesNote ?? "the check's plan names none"}: ` +
            'set tables');
    }
}
/** The rounds the search takes at most, once both bounds are known. */
function roundBound(plan) {
    const { good, bad } = plan;
    if (good.lsn === undefined || bad.lsn === undefined)
        return undefined;
    return Math.max(1, (0,_search_js__WEBPACK_IMPORTED_MODULE_7__/* .maxRounds */ .I)(good.lsn, bad.lsn, plan.settings.parallelism));
}
/** good must lie before bad, or there is nothing to search. */
function checkOrder(good, bad) {
    if (good.lsn < bad.lsn)
        return;
    throw new Error(`good: LSN ${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_8__/* .formatLsn */ .rI)(good.lsn)} (${(0,_point_js__WEBPACK_IMPORTED_MODULE_0__/* .describePoint */ .yR)(good.point)}) is not before bad: LSN ${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_8__/* .formatLsn */ .rI)(bad.lsn)} ` +
        `(${(0,_point_js__WEBPACK_IMPORTED_MODULE_0__/* .describePoint */ .yR)(bad.point)}); good must be a point before the data went bad (e.g. good: 2h ago)`);
}
/** A bound's aligned LSN, read without changing anything; a timestamp may stay open (src/postgres/wal.ts). */
async function readBound(name, point, connection) {
    try {
        return { name, point, lsn: await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_1__.pointLsn)(connection, point) };
    }
    catch (error) {
        throw new Error(`${name}: ${(0,_point_js__WEBPACK_IMPORTED_MODULE_0__/* .describePoint */ .yR)(point)} could not be resolved on ${connection.branch.name}: ${error.message}`);
    }
}


/***/ }),

/***/ 3319:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $M: () => (/* binding */ answerOutputs),
/* harmony export */   h2: () => (/* binding */ probeLabel),
/* harmony export */   q0: () => (/* binding */ describe),
/* harmony export */   z8: () => (/* binding */ report)
/* harmony export */ });
/* unused harmony export lastGoodSource */
/* harmony import */ var _diagrams_bisect_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9318);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7607);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(6264);
/* harmony import */ var _lsn_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(2326);
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9525);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(8855);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9425);
/* harmony import */ var _undo_report_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1345);
/* harmony import */ var _restore_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9284);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2438);
/* harmony import */ var _rounds_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3892);
/* harmony import */ var _changes_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7806);
/** bisect's dry-run description and its report: the answer first, then the rounds, the bounds and the next step. */












function describe(plan) {
    const { settings, good, bad } = plan;
    const rounds = (0,_plan_js__WEBPACK_IMPORTED_MODULE_6__/* .roundBound */ .Fw)(plan);
    const probes = `${settings.parallelism} probes (plus the two bound checks in the first round)`;
    const search = good.lsn !== undefined && bad.lsn !== undefined
        ? `${(0,_format_js__WEBPACK_IMPORTED_MODULE_9__/* .formatBytes */ .z3)(bad.lsn - good.lsn, { exact: true })} of history in at most ${rounds} rounds of ${probes}.`
        : `the history between good and bad in rounds of ${probes}; the range and the round count are resolved when run.`;
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_10__/* .Summary */ .BD()
        .heading(`Dry run: Bisect of ${plan.connection.branch.name}`)
        .paragraph(plan.note)
        .paragraph(`Nothing was probed. This step would search ${search}`)
        .keyValues(boundFacts(plan, good, bad));
    if (plan.refusal)
        summary.paragraph(`The restore afterwards would be refused: ${plan.refusal}`);
    return { outputs: {}, summary };
}
/** The search's own outputs, with either backend: the two LSNs, the probes and the rounds. */
function answerOutputs({ result: answer, rounds }) {
    return {
        'last-good-lsn': (0,_lsn_js__WEBPACK_IMPORTED_MODULE_11__/* .formatLsn */ .rI)(answer.lastGood),
        'first-bad-lsn': (0,_lsn_js__WEBPACK_IMPORTED_MODULE_11__/* .formatLsn */ .rI)(answer.firstBad),
        probes: String(rounds.reduce((sum, round) => sum + round.probes.length, 0)),
        rounds: String(rounds.length)
    };
}
function report(plan, result, context) {
    const outputs = answerOutputs(result.searched);
    if (result.recovery)
        Object.assign(outputs, { 'branch-id': result.recovery.id, 'branch-name': result.recovery.name });
    const restored = result.restored && _restore_js__WEBPACK_IMPORTED_MODULE_5__.report(result.restored.plan, result.restored.result, context);
    if (restored)
        Object.assign(outputs, restored.outputs);
    if (result.changes)
        outputs.changes = (0,_undo_report_js__WEBPACK_IMPORTED_MODULE_4__/* .changesOutput */ .b4)(result.changes);
    if (result.undone)
        outputs.conflicts = (0,_undo_report_js__WEBPACK_IMPORTED_MODULE_4__/* .conflictsOutput */ .jJ)(result.undone.result);
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_10__/* .Summary */ .BD().heading(`Bisect of ${plan.connection.branch.name}`).paragraph(plan.note);
    answerSection(summary, plan, result, outputs);
    if (result.changes)
        (0,_undo_report_js__WEBPACK_IMPORTED_MODULE_4__/* .changesSection */ .Hv)(summary, 'What the bad transaction changed', result.changes);
    if (result.undone)
        (0,_undo_report_js__WEBPACK_IMPORTED_MODULE_4__/* .undoneSection */ .h4)(summary, result.undone.plan, result.undone.result);
    warnings(summary, result);
    roundsSection(summary, plan, result);
    if (restored)
        summary.append(restored.summary);
    else if (!result.undone)
        nextStep(summary, plan, result, context);
    return { outputs, summary };
}
function answerSection(summary, plan, result, outputs) {
    const { badCommitTime } = result.insights;
    const recovery = result.recovery;
    summary
        .paragraph(`The check first fails at LSN ${outputs['first-bad-lsn']}` +
        (badCommitTime ? `, made by a transaction committed at ${badCommitTime}` : '') +
        `. The last good LSN is ${outputs['last-good-lsn']}.`)
        .keyValues([
        ['First bad LSN', outputs['first-bad-lsn']],
        ['Last good LSN', outputs['last-good-lsn']],
        ['Bad commit time', badCommitTime],
        ['Probes', outputs.probes],
        ['Rounds', `${outputs.rounds} (at most ${result.maxRounds} for this range and parallelism)`],
        ['Recovery branch', recovery && `${recovery.name} (${recovery.id}) at ${outputs['last-good-lsn']}`],
        ['Took', (0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(result.ms)]
    ]);
}
function warnings(summary, result) {
    const { result: answer, rounds } = result.searched;
    if (answer.nonMonotonic) {
        summary.paragraph('Warning: the check passed again at a later probe after failing at an earlier one, so the data broke more than ' +
            'once between the bounds. This is the earliest boundary the probes saw; bisect again from this LSN to find later ones.');
    }
    const sqlErrors = rounds.flatMap((round) => round.probes).filter((probe) => probe.outcome.kind === 'sql-error');
    if (sqlErrors.length > 0) {
        const first = sqlErrors[0].outcome;
        summary.paragraph(`The check failed with an SQL error at ${sqlErrors.length} probe${sqlErrors.length === 1 ? '' : 's'}, counted as ` +
            `broken because it ran fine at good. First error (at LSN ${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_11__/* .formatLsn */ .rI)(sqlErrors[0].lsn)}): ${first.code} ${first.message}`);
    }
    const { schemaDiff, notes } = result.insights;
    if (schemaDiff && schemaDiff.length > 0) {
        summary.heading('Schema change across the boundary', 3).code(schemaDiff.join('\n'), 'diff');
    }
    for (const note of notes)
        summary.paragraph(note);
    if (result.cleanupProblems.length > 0) {
        summary.paragraph(`Warning: ${result.cleanupProblems.length} probe branches could not be deleted; the post step tries again.`);
    }
}
function roundsSection(summary, plan, result) {
    const label = probeLabel(result.good.lsn, result.bad.lsn);
    summary
        .heading('Rounds', 3)
        .table(['Round', 'Probes (LSN: verdict)', 'Interval after', 'Time'], result.searched.rounds.map((round, index) => [
        String(index + 1),
        round.probes.map((probe) => `${label(probe.lsn)}: ${(0,_rounds_js__WEBPACK_IMPORTED_MODULE_7__/* .verdictText */ .n)(probe.outcome)}`).join(', '),
        `${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_11__/* .formatLsn */ .rI)(round.good)} .. ${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_11__/* .formatLsn */ .rI)(round.bad)}`,
        (0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(round.ms)
    ]))
        .diagram((0,_diagrams_bisect_js__WEBPACK_IMPORTED_MODULE_0__/* .narrowingDiagram */ .t)(narrowingFacts(result)))
        .heading('Bounds', 3)
        .keyValues(boundFacts(plan, result.good, result.bad));
}
function nextStep(summary, plan, result, context) {
    const { branch } = plan.connection;
    const { lastGood, firstBad } = result.searched.result;
    const common = { actionRef: context.actionRef, projectId: plan.settings.projectId, carried: plan.settings, branch };
    summary
        .heading(`Next step: put ${branch.name} back to the last good LSN`, 3)
        .paragraph('This puts the whole branch back and keeps its current state as a backup branch:')
        .code((0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .restoreStep */ .T2)({ ...common, source: lastGoodSource(plan, (0,_lsn_js__WEBPACK_IMPORTED_MODULE_11__/* .formatLsn */ .rI)(lastGood)) }), 'yaml');
    // The LSNs of a search on a backup are the backup's: recover reads LSNs on the branch itself.
    const changed = (result.changes ?? []).filter(({ diff }) => diff.deleted + diff.inserted + diff.updated > 0);
    const tables = changed.filter((table) => !table.comparison.undoRefusal);
    if (tables.length === 0 || plan.timeline.branch.id !== branch.id)
        return;
    const good = (0,_lsn_js__WEBPACK_IMPORTED_MODULE_11__/* .formatLsn */ .rI)(lastGood);
    const bad = (0,_lsn_js__WEBPACK_IMPORTED_MODULE_11__/* .formatLsn */ .rI)(firstBad);
    summary
        .paragraph('Or undo only what the bad transaction changed in these tables, keeping every write made since:')
        .code((0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .undoStep */ .Dh)({ ...common, good, bad, tables: tables.map((table) => (0,_changes_js__WEBPACK_IMPORTED_MODULE_8__/* .tableText */ .qK)(table.shape)).join(', ') }), 'yaml');
    for (const table of changed.filter((table) => table.comparison.undoRefusal)) {
        summary.paragraph(`${table.table} cannot be undone this way: ${table.comparison.undoRefusal}.`);
    }
}
function narrowingFacts(result) {
    const { rounds, result: answer } = result.searched;
    return {
        good: result.good.lsn,
        bad: result.bad.lsn,
        rounds: rounds.map((round) => ({ good: round.good, bad: round.bad, probes: round.probes.length })),
        lastGood: answer.lastGood,
        firstBad: answer.firstBad
    };
}
/** The restore source of the last good LSN: the branch's own past, or the backup the search ran on. */
function lastGoodSource(plan, lastGood) {
    const { timeline, connection } = plan;
    return timeline.branch.id === connection.branch.id ? `^self@${lastGood}` : `${timeline.branch.name}@${lastGood}`;
}
function boundFacts(plan, good, bad) {
    const { settings } = plan;
    const bound = (it) => it.lsn === undefined
        ? `${(0,_point_js__WEBPACK_IMPORTED_MODULE_2__/* .describePoint */ .yR)(it.point)} (its LSN is resolved when run)`
        : `LSN ${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_11__/* .formatLsn */ .rI)(it.lsn)} (${(0,_point_js__WEBPACK_IMPORTED_MODULE_2__/* .describePoint */ .yR)(it.point)})`;
    return [
        ['Branch', `${plan.connection.branch.name} (${plan.connection.branch.id})`],
        ['Check', settings.check],
        ['Good', bound(good)],
        ['Bad', bound(bad)],
        [
            'Range',
            good.lsn !== undefined && bad.lsn !== undefined ? (0,_format_js__WEBPACK_IMPORTED_MODULE_9__/* .formatBytes */ .z3)(bad.lsn - good.lsn, { exact: true }) : undefined
        ],
        ['Probes a round', String(settings.parallelism)],
        ['Probe', settings.probe === 'branch' ? 'a branch per probe' : 'time-travel connections (no branches)'],
        ['Then', settings.then],
        ['Tables compared', plan.tables.join(', ') || undefined]
    ];
}
function probeLabel(good, bad) {
    return (lsn) => {
        const text = (0,_lsn_js__WEBPACK_IMPORTED_MODULE_11__/* .formatLsn */ .rI)(lsn);
        if (lsn === good)
            return `${text} (good)`;
        if (lsn === bad)
            return `${text} (bad)`;
        return text;
    };
}


/***/ }),

/***/ 3892:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ runSearch),
/* harmony export */   n: () => (/* binding */ verdictText)
/* harmony export */ });
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7607);
/* harmony import */ var _lsn_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2326);
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9525);
/* harmony import */ var _search_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8019);
/**
 * The search loop: waves of probes driven by the k-ary search (src/search.ts). The first wave checks both bounds
 * together with the first round; wrong bounds stop the search with an error that says which.
 */




async function runSearch(input, context) {
    const { good, bad, parallelism: k } = input;
    const search = new _search_js__WEBPACK_IMPORTED_MODULE_2__/* .BoundarySearch */ .$(good.lsn, bad.lsn);
    const rounds = [];
    const record = (lsns, outcomes, ms) => rounds.push({ probes: lsns.map((lsn, index) => ({ lsn, outcome: outcomes[index] })), ms, ...search.interval });
    const first = search.nextRound(k);
    const wave = await runWave(1, [good.lsn, bad.lsn, ...first], input, context);
    const [atGood, atBad, ...firstOutcomes] = wave.outcomes;
    checkBounds(input, atGood, atBad);
    if (first.length > 0)
        search.report(healthy(firstOutcomes));
    record([good.lsn, bad.lsn, ...first], wave.outcomes, wave.ms);
    await input.prober.afterRound?.(search.interval);
    while (!search.done) {
        const lsns = search.nextRound(k);
        const next = await runWave(rounds.length + 1, lsns, input, context);
        search.report(healthy(next.outcomes));
        record(lsns, next.outcomes, next.ms);
        await input.prober.afterRound?.(search.interval);
    }
    return { result: search.result(), rounds };
}
function healthy(outcomes) {
    return outcomes.map((outcome) => outcome.kind === 'value' && outcome.healthy);
}
/** The check must pass at good and fail at bad, or the search would answer a question nobody asked. */
function checkBounds(input, atGood, atBad) {
    const { good, bad } = input;
    const at = (bound) => `LSN ${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_3__/* .formatLsn */ .rI)(bound.lsn)}, ${(0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describePoint */ .yR)(bound.point)}`;
    const problems = [];
    if (atGood.kind === 'sql-error') {
        problems.push(`good: the check fails at good (${at(good)}) with an SQL error, so it cannot tell healthy from broken: ` +
            `${atGood.code} ${atGood.message}. Fix the check, or choose a good point where it runs`);
    }
    else if (!atGood.healthy) {
        problems.push(`good: the check is false at good (${at(good)}): the data was already broken there. Choose an earlier good point`);
    }
    if (atBad.kind === 'value' && atBad.healthy) {
        problems.push(`bad: the check is true at bad (${at(bad)}): by this check nothing broke between good and bad. ` +
            'Choose a later bad point, or check that the check returns false on the broken data');
    }
    if (problems.length > 0)
        throw new Error(problems.join('\n'));
}
async function runWave(number, lsns, input, context) {
    context.info(`Round ${number}: probing ${lsns.map(input.label).join(', ')}`);
    const started = Date.now();
    // Every probe settles before an error is raised, so no probe creates a branch after cleanup has run.
    const settled = await Promise.allSettled(lsns.map((lsn) => input.prober.probe(lsn).catch((error) => {
        throw new Error(`the check at LSN ${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_3__/* .formatLsn */ .rI)(lsn)}: ${error.message}`);
    })));
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed)
        throw failed.reason;
    const outcomes = settled.map((outcome) => outcome.value);
    const ms = Date.now() - started;
    context.info(`Round ${number} took ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(ms)}: ` +
        lsns.map((lsn, index) => `${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_3__/* .formatLsn */ .rI)(lsn)} ${verdictText(outcomes[index])}`).join(', '));
    return { outcomes, ms };
}
function verdictText(outcome) {
    if (outcome.kind === 'sql-error')
        return `broken (SQL error ${outcome.code})`;
    return outcome.healthy ? 'healthy' : 'broken';
}


/***/ }),

/***/ 9284:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   confirmProblem: () => (/* binding */ confirmProblem),
/* harmony export */   describe: () => (/* binding */ describe),
/* harmony export */   execute: () => (/* binding */ execute),
/* harmony export */   plan: () => (/* binding */ plan),
/* harmony export */   report: () => (/* binding */ report),
/* harmony export */   restoreRefusal: () => (/* binding */ restoreRefusal)
/* harmony export */ });
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7607);
/* harmony import */ var _diagrams_lineage_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8399);
/* harmony import */ var _lineage_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5010);
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9525);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8855);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9425);
/* harmony import */ var _explain_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8849);
/* harmony import */ var _lineage_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(555);
/**
 * restore: `branch` from its own past or another branch in one Neon restore that keeps the overwritten state
 * as a backup branch; or from a snapshot through Neon's snapshot restore with finalize (the branch id changes,
 * the name and connection string stay, and the old branch, renamed, is the backup).
 */








/** More backups of one branch than this and the summary warns that they are using up branch slots. */
const BACKUP_WARNING_COUNT = 3;
async function plan(settings, gateway, context) {
    const target = await (0,_common_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveBranch */ .pd)(gateway, settings.branch);
    const from = await resolveSource(settings, target, gateway);
    if (from.kind === 'branch')
        await (0,_common_js__WEBPACK_IMPORTED_MODULE_4__/* .checkPoint */ .NX)(gateway, from.branch, from.point, 'source', context);
    const backupName = (0,_common_js__WEBPACK_IMPORTED_MODULE_4__/* .nameFor */ .Fe)(settings.name, target, 'restore', context);
    if (await gateway.branches.findByName(backupName)) {
        throw new Error(`name: a branch named "${backupName}" already exists; choose a name template that makes a new name`);
    }
    const existingBackups = await (0,_lineage_js__WEBPACK_IMPORTED_MODULE_6__/* .listBackups */ .Cw)(gateway, target);
    const refusal = restoreRefusal(settings, target, from.kind === 'branch') ?? (await snapshotRefusal(from, target, gateway));
    return { settings, target, from, backupName, existingBackups, clearsExpiryOf: expiringSource(from, target), refusal };
}
/**
 * Why restoring `target` may not run, before anything changes: Neon lists `restore` in its restricted actions
 * (for an instant restore: Neon's docs name that restriction for PITR on a branch made by a snapshot restore,
 * neon.com/docs/guides/backup-restore, Limitations), or it needs `confirm`.
 */
function restoreRefusal(settings, target, instant) {
    return (instant ? (0,_explain_js__WEBPACK_IMPORTED_MODULE_5__/* .restriction */ .V0)('branch', target, 'restore') : undefined) ?? confirmProblem(settings, target);
}
/**
 * A snapshot restore renames the replaced branch to `<branch> (old)` (neon.com/docs/guides/backup-restore,
 * "Renames the original branch to `<branch_name> (old)`"); what Neon does when that name is taken is not
 * documented, so a taken name is refused here rather than met halfway through.
 */
async function snapshotRefusal(from, target, gateway) {
    if (from.kind !== 'snapshot')
        return undefined;
    const oldName = `${target.name} (old)`;
    return (await gateway.branches.findByName(oldName)) ? (0,_explain_js__WEBPACK_IMPORTED_MODULE_5__/* .oldNameTaken */ .eo)('branch', target, oldName) : undefined;
}
/**
 * The source, when it is another branch with an expiry: Neon's branch-expiration guide says expiration cannot be
 * set on parent branches nor children made from expiring branches, and the source of a restore becomes the
 * restored branch's parent (the snapshot step's own restore snippet names such a branch).
 */
function expiringSource(from, target) {
    if (from.kind !== 'branch' || from.branch.id === target.id || !from.branch.expires_at)
        return undefined;
    return from.branch;
}
function facts(plan) {
    return [
        ['Branch', `${plan.target.name} (${plan.target.id})`],
        ['From', (0,_point_js__WEBPACK_IMPORTED_MODULE_3__/* .describeSource */ .B6)(plan.settings.source)],
        ['Read on', plan.from.kind === 'branch' && plan.from.note ? plan.from.branch.name : undefined],
        ['Backup of the current state', plan.backupName],
        ['Expiry cleared on', plan.clearsExpiryOf?.name]
    ];
}
function describe(plan) {
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_7__/* .Summary */ .BD()
        .heading(`Dry run: Restore of ${plan.target.name}`)
        .paragraph('Nothing was changed. This step would restore as follows.')
        .paragraph(plan.from.kind === 'branch' ? plan.from.note : undefined)
        .keyValues(facts(plan));
    if (plan.refusal)
        summary.paragraph(`It would be refused: ${plan.refusal}`);
    else if (plan.clearsExpiryOf)
        summary.paragraph((0,_explain_js__WEBPACK_IMPORTED_MODULE_5__/* .expiryCleared */ .ax)('source', plan.clearsExpiryOf));
    return { outputs: {}, summary };
}
async function execute(plan, gateway, context) {
    const started = Date.now();
    if (plan.refusal)
        throw new Error(plan.refusal);
    if (plan.clearsExpiryOf) {
        await gateway.branches.update(plan.clearsExpiryOf.id, { expiresAt: null });
        context.info((0,_explain_js__WEBPACK_IMPORTED_MODULE_5__/* .expiryCleared */ .ax)('source', plan.clearsExpiryOf));
    }
    const result = plan.from.kind === 'snapshot'
        ? await restoreSnapshot(plan, plan.from.snapshot, gateway, context)
        : await restoreBranch(plan, plan.from, gateway);
    context.info(`Restored ${plan.target.name} from ${(0,_point_js__WEBPACK_IMPORTED_MODULE_3__/* .describeSource */ .B6)(plan.settings.source)}; the previous state is ${result.backup.name}`);
    return { ...result, ms: Date.now() - started };
}
function report(plan, result, context) {
    const { target } = plan;
    const outputs = {
        'branch-id': result.restored.id,
        lsn: result.restored.parent_lsn ?? result.lsn ?? '',
        timestamp: (0,_common_js__WEBPACK_IMPORTED_MODULE_4__/* .neonTime */ .gX)(result.restored.parent_timestamp ?? result.timestamp) ?? '',
        'backup-branch-id': result.backup.id,
        'backup-branch-name': result.backup.name
    };
    const backups = plan.existingBackups.length + 1;
    const slotWarning = backups > BACKUP_WARNING_COUNT
        ? `${backups} restore backups of ${target.name} now use branch slots; ` +
            `remove old ones with operation: prune, match: ${(0,_lineage_js__WEBPACK_IMPORTED_MODULE_2__/* .backupPrefix */ .nY)(target.name)}*`
        : undefined;
    if (slotWarning)
        context.warning(slotWarning);
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_7__/* .Summary */ .BD()
        .heading(`Restore of ${target.name}`)
        .paragraph(`Restored ${target.name}. Its previous state is kept as ${result.backup.name}.`)
        .paragraph(plan.from.kind === 'branch' ? plan.from.note : undefined)
        .keyValues([
        ...facts(plan),
        ['Restored branch id', result.restored.id],
        ['Backup branch id', result.backup.id],
        ['Restored to LSN', outputs.lsn || undefined],
        ['Restored to time', outputs.timestamp || undefined],
        ['Took', (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(result.ms)]
    ]);
    summary.diagram((0,_diagrams_lineage_js__WEBPACK_IMPORTED_MODULE_1__/* .lineageDiagram */ .F)(lineageFacts(plan, result, outputs.lsn ? `LSN ${outputs.lsn}` : outputs.timestamp)));
    if (slotWarning)
        summary.paragraph(`Warning: ${slotWarning}.`);
    if (plan.clearsExpiryOf)
        summary.paragraph((0,_explain_js__WEBPACK_IMPORTED_MODULE_5__/* .expiryCleared */ .ax)('source', plan.clearsExpiryOf));
    summary.heading('To undo this restore', 3).code((0,_common_js__WEBPACK_IMPORTED_MODULE_4__/* .restoreStep */ .T2)({
        actionRef: context.actionRef,
        projectId: plan.settings.projectId,
        carried: plan.settings,
        branch: { ...target, id: result.restored.id },
        source: result.backup.name
    }), 'yaml');
    const undoRefused = (0,_explain_js__WEBPACK_IMPORTED_MODULE_5__/* .restriction */ .V0)('branch', result.restored, 'restore');
    if (undoRefused)
        summary.paragraph(`Neon refuses that step for now. ${undoRefused}`);
    return { outputs, summary };
}
/** The restore as lineage: read on which branch at which point, made into which, the old state kept where. */
function lineageFacts(plan, result, point) {
    const made = { name: plan.target.name, id: result.restored.id, what: 'restored' };
    const backup = { name: result.backup.name, id: result.backup.id };
    const { from, target } = plan;
    if (from.kind === 'snapshot') {
        const snapshot = { name: from.snapshot.name, id: from.snapshot.id, snapshot: true };
        return { from: snapshot, made, backup: { ...backup, isSource: false } };
    }
    // A restore to its own past reads the point on the state it preserves: the backup becomes the parent.
    const ownPast = from.branch.id === target.id;
    const source = plan.settings.source;
    const named = source.kind === 'branch' ? source.branch : source.kind === 'self' ? target.name : `parent of ${target.name}`;
    return {
        from: { name: from.branch.name, id: from.branch.id },
        named: from.note ? named : undefined,
        point,
        made,
        backup: { ...backup, isSource: ownPast }
    };
}
async function restoreBranch(plan, from, gateway) {
    const point = (0,_common_js__WEBPACK_IMPORTED_MODULE_4__/* .pointFields */ .sj)(from.point);
    const restored = await gateway.branches.restore(plan.target.id, {
        sourceBranchId: from.branch.id,
        sourceLsn: point.lsn,
        sourceTimestamp: point.timestamp,
        preserveUnderName: plan.backupName
    });
    const backup = await gateway.branches.find(plan.backupName);
    return { restored, backup, ...point };
}
async function restoreSnapshot(plan, snapshot, gateway, context) {
    const restored = await gateway.snapshots.restore(snapshot.id, {
        name: plan.target.name,
        targetBranchId: plan.target.id,
        finalize: true
    });
    // Finalizing keeps the old branch under a name Neon chooses; give it the backup name the user expects.
    let backup;
    try {
        backup = await gateway.branches.update(plan.target.id, { name: plan.backupName });
    }
    catch (error) {
        // The restore is done and the backup exists: failing the step now would only invite a second restore.
        backup = await gateway.branches.get(plan.target.id).catch(() => {
            throw new Error(`restored ${plan.target.name} from snapshot ${snapshot.name}, and its previous state is kept in branch ` +
                `${plan.target.id}, but renaming that branch to ${plan.backupName} failed: ${error.message}`);
        });
        context.warning(`Restored ${plan.target.name}; its previous state is kept as ${backup.name} (${backup.id}) because renaming ` +
            `it to ${plan.backupName} failed: ${error.message}`);
    }
    return { restored, backup, lsn: snapshot.lsn, timestamp: snapshot.timestamp };
}
async function resolveSource(settings, target, gateway) {
    const source = settings.source;
    if (source.kind === 'snapshot')
        return { kind: 'snapshot', snapshot: await (0,_common_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveSnapshot */ .Vh)(gateway, source.snapshot) };
    const branch = await sourceBranch(source, target, gateway);
    // What the source held at the point, which after a restore of the source may be on its backup.
    const on = await (0,_lineage_js__WEBPACK_IMPORTED_MODULE_6__/* .locatePoint */ .Lq)(gateway, branch, source.point, 'source', settings.history);
    return { kind: 'branch', branch: on.branch, point: source.point, note: on.note };
}
async function sourceBranch(source, target, gateway) {
    switch (source.kind) {
        case 'self':
            return target;
        case 'parent':
            if (!target.parent_id)
                throw new Error(`source: ${target.name} has no parent branch to restore from`);
            return gateway.branches.get(target.parent_id);
        case 'branch': {
            const branch = await (0,_common_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveBranch */ .pd)(gateway, source.branch, 'source');
            if (branch.id === target.id && source.point.kind === 'head') {
                throw new Error(`source: ${source.branch} is the branch itself at head, which changes nothing (give a past point)`);
            }
            return branch;
        }
    }
}
function confirmProblem(settings, target) {
    const why = target.default ? 'the default branch' : target.protected ? 'a protected branch' : undefined;
    if (!why || settings.confirm === target.name)
        return undefined;
    const given = settings.confirm ? ` (confirm is "${settings.confirm}")` : '';
    return `confirm: ${target.name} is ${why}; to restore it, set confirm: ${target.name}${given}`;
}


/***/ }),

/***/ 8019:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ BoundarySearch),
/* harmony export */   I: () => (/* binding */ maxRounds)
/* harmony export */ });
/* harmony import */ var _lsn_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2326);
/**
 * The k-ary boundary search behind bisect, without I/O. Between an LSN where the check passes (`good`) and one
 * where it fails (`bad`), it finds the two adjacent 8-byte-aligned LSNs where the verdict flips. Each round
 * probes up to k LSNs splitting the interval into k + 1 nearly equal parts, so a range of n aligned steps takes
 * ceil(log_(k+1)(n)) rounds. The caller runs the probes (possibly k at once) and reports the verdicts back.
 */

class BoundarySearch {
    good;
    bad;
    pending;
    flipFlop = false;
    rounds = 0;
    /** Both bounds must be 8-byte aligned with good < bad. */
    constructor(good, bad) {
        if (good % _lsn_js__WEBPACK_IMPORTED_MODULE_0__/* .LSN_ALIGNMENT */ .Wq !== 0n || bad % _lsn_js__WEBPACK_IMPORTED_MODULE_0__/* .LSN_ALIGNMENT */ .Wq !== 0n) {
            throw new RangeError(`bounds must be 8-byte aligned (got ${good} and ${bad})`);
        }
        if (good >= bad)
            throw new RangeError(`good (${good}) must be before bad (${bad})`);
        this.good = good;
        this.bad = bad;
    }
    get done() {
        return this.bad - this.good === _lsn_js__WEBPACK_IMPORTED_MODULE_0__/* .LSN_ALIGNMENT */ .Wq;
    }
    /** The current interval: healthy at `good`, broken at `bad`. */
    get interval() {
        return { good: this.good, bad: this.bad };
    }
    /**
     * The LSNs of the next round for `k` probes: k points strictly inside the interval splitting it into k + 1
     * parts of at most ceil(n / (k + 1)) steps (fewer points when the interval has fewer inside). Empty when done.
     */
    nextRound(k) {
        if (!Number.isInteger(k) || k < 1)
            throw new RangeError(`k must be a positive integer (got ${k})`);
        if (this.pending)
            throw new Error('the previous round has not been reported yet');
        if (this.done)
            return [];
        const steps = (this.bad - this.good) / _lsn_js__WEBPACK_IMPORTED_MODULE_0__/* .LSN_ALIGNMENT */ .Wq;
        const parts = BigInt(k) + 1n;
        const lsns = [];
        for (let index = 1n; index < parts; index++) {
            const offset = (index * steps) / parts;
            const lsn = this.good + offset * _lsn_js__WEBPACK_IMPORTED_MODULE_0__/* .LSN_ALIGNMENT */ .Wq;
            if (offset > 0n && offset < steps && lsn !== lsns[lsns.length - 1])
                lsns.push(lsn);
        }
        this.pending = lsns;
        return [...lsns];
    }
    /** The verdicts of the round from `nextRound`, in the same order: true = healthy. */
    report(healthy) {
        const lsns = this.pending;
        if (!lsns)
            throw new Error('no round to report: call nextRound first');
        if (healthy.length !== lsns.length) {
            throw new Error(`expected ${lsns.length} verdicts, got ${healthy.length}`);
        }
        this.pending = undefined;
        this.rounds++;
        const firstBroken = healthy.indexOf(false);
        if (firstBroken === -1) {
            this.good = lsns[lsns.length - 1];
            return;
        }
        if (healthy.slice(firstBroken).includes(true))
            this.flipFlop = true;
        this.bad = lsns[firstBroken];
        if (firstBroken > 0)
            this.good = lsns[firstBroken - 1];
    }
    result() {
        if (!this.done)
            throw new Error('the search has not finished');
        return { lastGood: this.good, firstBad: this.bad, nonMonotonic: this.flipFlop };
    }
}
/** The most rounds a search of [good, bad] takes with k probes a round: ceil(log_(k+1)((bad - good) / 8)). */
function maxRounds(good, bad, k) {
    const steps = (bad - good) / _lsn_js__WEBPACK_IMPORTED_MODULE_0__/* .LSN_ALIGNMENT */ .Wq;
    const parts = BigInt(k) + 1n;
    let rounds = 0;
    for (let covered = 1n; covered < steps; covered *= parts)
        rounds++;
    return rounds;
}


/***/ })

};
