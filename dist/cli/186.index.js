export const id = 186;
export const ids = [186];
export const modules = {

/***/ 9425:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dh: () => (/* binding */ undoStep),
/* harmony export */   Fe: () => (/* binding */ nameFor),
/* harmony export */   GL: () => (/* binding */ workflowStep),
/* harmony export */   NX: () => (/* binding */ checkPoint),
/* harmony export */   T2: () => (/* binding */ restoreStep),
/* harmony export */   Vh: () => (/* binding */ resolveSnapshot),
/* harmony export */   gX: () => (/* binding */ neonTime),
/* harmony export */   pd: () => (/* binding */ resolveBranch),
/* harmony export */   sj: () => (/* binding */ pointFields)
/* harmony export */ });
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6264);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8664);
/* harmony import */ var _lsn_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2326);
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9525);
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5237);
/* harmony import */ var _explain_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8849);
/** Look-ups of what inputs name, and wording, shared by the operations. */






/** The branch an input names (`branch` unless said), or the project's default branch when it names none. */
async function resolveBranch(gateway, nameOrId, input = 'branch') {
    try {
        return await (nameOrId ? gateway.branches.find(nameOrId) : gateway.branches.getDefault());
    }
    catch (error) {
        throw (0,_explain_js__WEBPACK_IMPORTED_MODULE_3__/* .explainLookup */ .GX)(error, input);
    }
}
/** The snapshot a `source: snapshot:<id or name>` names. */
async function resolveSnapshot(gateway, idOrName) {
    try {
        return await gateway.snapshots.find(idOrName);
    }
    catch (error) {
        throw (0,_explain_js__WEBPACK_IMPORTED_MODULE_3__/* .explainLookup */ .GX)(error, 'source');
    }
}
function nameFor(template, branch, operation, context) {
    return (0,_template_js__WEBPACK_IMPORTED_MODULE_2__/* .renderTemplate */ .Xm)(template, {
        branch: branch.name,
        operation,
        runId: context.runId,
        runAttempt: context.runAttempt,
        sha: context.sha,
        now: context.now
    });
}
/** The API's fields for a point on a parent or source branch; head is the absence of both. */
function pointFields(point) {
    if (point.kind === 'lsn')
        return { lsn: point.lsn };
    if (point.kind === 'timestamp')
        return { timestamp: point.timestamp };
    return {};
}
/**
 * Refuses a point Neon would refuse, before anything is changed: a time before the project's history window,
 * or an LSN past the head of `branch` (read on its compute; skipped when it has none or cannot be reached).
 * `input` is the input the point came from, for the message.
 */
async function checkPoint(gateway, branch, point, input, context) {
    if (point.kind === 'timestamp') {
        const project = await gateway.project.get();
        const windowStart = context.now.getTime() - project.history_retention_seconds * 1000;
        if (Date.parse(point.timestamp) < windowStart) {
            throw new Error(`${input}: ${point.timestamp} is before the history Neon keeps for project ${gateway.projectId} ` +
                `(it starts at ${(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .formatTime */ .fU)(windowStart)}); choose a later point`);
        }
    }
    if (point.kind !== 'lsn')
        return;
    const endpoint = (await gateway.connections.listEndpoints(branch.id)).find((candidate) => candidate.type === 'read_write');
    const [database] = await gateway.connections.listDatabases(branch.id);
    if (!endpoint || !database)
        return;
    let head;
    try {
        const uri = await gateway.connections.getUri({
            branchId: branch.id,
            database: database.name,
            role: database.owner_name
        });
        context.mask(uri);
        // Loaded here, not on import: snapshot, restore and prune reach Postgres only for an LSN point.
        const { headLsn } = await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517)]).then(__webpack_require__.bind(__webpack_require__, 9517));
        head = await headLsn(uri);
    }
    catch (error) {
        context.info(`Could not read the head LSN of ${branch.name} (${error.message}); Neon checks the point`);
        return;
    }
    if ((0,_lsn_js__WEBPACK_IMPORTED_MODULE_5__/* .parseLsn */ .l2)(point.lsn) > head) {
        throw new Error(`${input}: ${(0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describePoint */ .yR)(point)} is past the head of ${branch.name} (${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_5__/* .formatLsn */ .rI)(head)}); ` +
            'use an LSN at or before it, or head');
    }
}
/** Neon's times in the action's format; undefined stays undefined. */
function neonTime(time) {
    return time ? (0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .formatTime */ .fU)(Date.parse(time)) : undefined;
}
/**
 * A ready-to-paste workflow step running `operation` with `inputs`, plus every input of this step (`carried`)
 * that the pasted operation reads and that differs from its default: pasted against the emulator or a proxy,
 * the step must reach the same API host, database and role as this one.
 */
function workflowStep(options) {
    const { carried, operation } = options;
    const lines = [
        `- uses: ${options.actionRef}`,
        '  with:',
        `    operation: ${operation}`,
        '    api-key: ${{ secrets.NEON_API_KEY }}',
        `    project-id: ${options.projectId}`
    ];
    const carriedInputs = [
        ['api-host', carried.apiHost],
        ['database', carried.database],
        ['role', carried.role]
    ];
    for (const [name, value] of [...carriedInputs, ...options.inputs]) {
        if (value === undefined || value === '' || value === _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .INPUTS */ .mc[name].default)
            continue;
        if (!(0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readsInput */ .si)(operation, name))
            continue;
        lines.push(`    ${name}: ${value}`);
    }
    return lines.join('\n');
}
/** A ready-to-paste step that restores `branch` from `source`, with confirm where the branch needs it. */
function restoreStep(options) {
    const needsConfirm = options.branch.default || options.branch.protected;
    return workflowStep({
        ...options,
        operation: 'restore',
        inputs: [
            ['branch', options.branch.name],
            ['source', options.source],
            ['confirm', needsConfirm ? options.branch.name : undefined]
        ]
    });
}
/**
 * A ready-to-paste step that undoes the change between `good` and `bad` (bisect's last good and first bad LSNs) in
 * `tables` of `branch`, keeping later writes: recover with mode: undo.
 */
function undoStep(options) {
    return workflowStep({
        ...options,
        operation: 'recover',
        inputs: [
            ['branch', options.branch.name],
            ['mode', 'undo'],
            ['good', options.good],
            ['bad', options.bad],
            ['tables', options.tables]
        ]
    });
}


/***/ }),

/***/ 1186:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   describe: () => (/* binding */ describe),
/* harmony export */   execute: () => (/* binding */ execute),
/* harmony export */   matcher: () => (/* binding */ matcher),
/* harmony export */   pinReason: () => (/* binding */ pinReason),
/* harmony export */   plan: () => (/* binding */ plan),
/* harmony export */   report: () => (/* binding */ report)
/* harmony export */ });
/* harmony import */ var minimatch__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3581);
/* harmony import */ var _neon_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3886);
/* harmony import */ var _retention_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7449);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8855);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9425);
/**
 * prune: delete the branches and Neon snapshots whose names match `match` and which the retention policy does
 * not keep. The default branch, protected branches and branches with children are never deleted; they are
 * listed as kept with that reason. The plan (every matching item and its decision) is the dry-run output and
 * the summary.
 */





/** `*` does not cross `/` (as in GitHub's branch filters); `**` does. */
function matcher(pattern) {
    return (name) => (0,minimatch__WEBPACK_IMPORTED_MODULE_0__/* .minimatch */ .xF)(name, pattern, { dot: true, nocomment: true, nonegate: true });
}
/** Why a branch must never be deleted by prune, if it must not. */
function pinReason(branch, all) {
    if (branch.default)
        return 'default branch';
    if (branch.protected)
        return 'protected branch';
    const children = all.filter((candidate) => candidate.parent_id === branch.id).map((child) => child.name);
    if (children.length > 0)
        return `has child branches (${children.join(', ')})`;
    return undefined;
}
async function plan(settings, gateway, context) {
    const matches = matcher(settings.match);
    const branches = await gateway.branches.list();
    const snapshots = await gateway.snapshots.list();
    const items = [
        ...branches
            .filter((branch) => matches(branch.name))
            .map((branch) => ({
            id: branch.id,
            name: branch.name,
            kind: 'branch',
            createdAt: Date.parse(branch.created_at),
            pinned: pinReason(branch, branches)
        })),
        ...snapshots
            .filter((snapshot) => matches(snapshot.name))
            .map((snapshot) => ({
            id: snapshot.id,
            name: snapshot.name,
            kind: 'snapshot',
            createdAt: Date.parse(snapshot.created_at)
        }))
    ];
    return { settings, decisions: (0,_retention_js__WEBPACK_IMPORTED_MODULE_2__/* .applyRetention */ .dX)(items, settings, context.now.getTime()) };
}
function facts(plan) {
    const { settings, decisions } = plan;
    const doomed = decisions.filter((decision) => !decision.keep).length;
    return [
        ['Match', settings.match],
        ['Policy', (0,_retention_js__WEBPACK_IMPORTED_MODULE_2__/* .describePolicy */ .wy)(settings)],
        ['Matching', `${decisions.length} (${doomed} to delete, ${decisions.length - doomed} to keep)`]
    ];
}
function doomed(plan) {
    return plan.decisions.filter((decision) => !decision.keep).map((decision) => decision.item);
}
function describe(plan, context) {
    const items = doomed(plan);
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_4__/* .Summary */ .BD()
        .heading(`Dry run: Prune of ${plan.settings.match}`)
        .paragraph(`Nothing was changed. This step would delete ${count(items.length)}.`)
        .keyValues(facts(plan));
    decisionTable(summary, plan.decisions, 'would delete');
    context.info(`Dry run: would delete ${count(items.length)}: ${items.map((item) => item.name).join(', ')}`);
    return { outputs: { deleted: '0' }, summary };
}
/**
 * Deletes in the plan's order, softly (a mistaken prune can be undone for 7 days where Neon has Branch
 * Recovery); a failure stops the step and says what was already deleted.
 */
async function execute(plan, gateway, context) {
    const deleted = await deleteAll(plan, gateway, context);
    const branchIds = new Set(deleted.filter((item) => item.kind === 'branch').map((item) => item.id));
    if (branchIds.size === 0)
        return { deleted };
    return { deleted, undo: await recoverable(gateway, branchIds) };
}
/** Which of the branches just deleted Neon lists as recoverable: what the summary's undo steps may promise. */
async function recoverable(gateway, ids) {
    try {
        const branches = await gateway.branches.listIncludingDeleted();
        return { recoverable: branches.filter((branch) => branch.recovery && ids.has(branch.id)) };
    }
    catch (error) {
        if (error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_1__/* .BranchRecoveryUnavailableError */ .S9) {
            return {
                unknown: 'Branch recovery (a Neon preview) is not enabled for this project, so undelete cannot bring these branches back.'
            };
        }
        return { unknown: `Could not list the deleted branches (${error.message}).` };
    }
}
async function deleteAll(plan, gateway, context) {
    const deleted = [];
    for (const item of doomed(plan)) {
        try {
            if (item.kind === 'branch')
                await gateway.branches.delete(item.id);
            else
                await gateway.snapshots.delete(item.id);
        }
        catch (error) {
            const done = deleted.length > 0 ? ` after deleting ${deleted.map((each) => each.name).join(', ')}` : '';
            throw new Error(`prune stopped at ${item.kind} ${item.name}${done}: ${error.message}. Run it again to finish.`);
        }
        deleted.push(item);
        context.info(`Deleted ${item.kind} ${item.name} (${item.id})`);
    }
    return deleted;
}
function report(plan, result, context) {
    const { decisions } = plan;
    const { deleted } = result;
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_4__/* .Summary */ .BD()
        .heading(`Prune of ${plan.settings.match}`)
        .paragraph(`Deleted ${count(deleted.length)}; kept ${decisions.length - deleted.length}.`)
        .keyValues(facts(plan));
    decisionTable(summary, decisions, 'deleted');
    undoSection(summary, plan, result, context);
    return { outputs: { deleted: String(deleted.length) }, summary };
}
/** At most this many undo steps are printed; the rest are listed by id. */
const UNDO_STEPS = 5;
function undoSection(summary, plan, result, context) {
    const { undo } = result;
    if (!undo)
        return;
    summary.heading('To undo this prune', 3);
    if ('unknown' in undo) {
        summary.paragraph(undo.unknown);
        return;
    }
    const { recoverable } = undo;
    if (recoverable.length === 0) {
        summary.paragraph('Neon lists none of the deleted branches as recoverable.');
        return;
    }
    const until = (0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .neonTime */ .gX)(recoverable.map((branch) => branch.recovery.recoverable_until).sort()[0]);
    summary.paragraph(`Neon keeps the deleted branches recoverable until ${until}. Each step brings one back` +
        `${result.deleted.some((item) => item.kind === 'snapshot') ? ' (branches only: undelete does not bring back Neon snapshots)' : ''}:`);
    const step = (branch) => (0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .workflowStep */ .GL)({
        actionRef: context.actionRef,
        projectId: plan.settings.projectId,
        carried: plan.settings,
        operation: 'undelete',
        inputs: [['branch', `${branch.id} # ${branch.name}`]]
    });
    summary.code(recoverable.slice(0, UNDO_STEPS).map(step).join('\n\n'), 'yaml');
    const rest = recoverable.slice(UNDO_STEPS);
    if (rest.length > 0) {
        summary.paragraph(`And ${rest.length} more, the same step with branch: ${rest.map((branch) => branch.id).join(', ')}`);
    }
}
function decisionTable(summary, decisions, deleteWord) {
    if (decisions.length === 0) {
        summary.paragraph('No branch or snapshot matches.');
        return;
    }
    summary.table(['Name', 'Kind', 'Created', 'Decision', 'Why'], decisions.map(({ item, keep, reasons }) => [
        item.name,
        item.kind,
        (0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .neonTime */ .gX)(new Date(item.createdAt).toISOString()) ?? '',
        keep ? 'kept' : deleteWord,
        keep ? reasons.map(_retention_js__WEBPACK_IMPORTED_MODULE_2__/* .describeReason */ .Gk).join('; ') : 'no rule keeps it'
    ]));
}
function count(items) {
    return `${items} item${items === 1 ? '' : 's'}`;
}


/***/ })

};
