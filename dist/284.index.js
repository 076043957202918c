export const id = 284;
export const ids = [284];
export const modules = {

/***/ 9425:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fe: () => (/* binding */ nameFor),
/* harmony export */   NX: () => (/* binding */ checkPoint),
/* harmony export */   T2: () => (/* binding */ restoreStep),
/* harmony export */   Vh: () => (/* binding */ resolveSnapshot),
/* harmony export */   fj: () => (/* binding */ recoverStep),
/* harmony export */   fx: () => (/* binding */ tablesReadBy),
/* harmony export */   gX: () => (/* binding */ neonTime),
/* harmony export */   pd: () => (/* binding */ resolveBranch),
/* harmony export */   sj: () => (/* binding */ pointFields)
/* harmony export */ });
/* unused harmony export workflowStep */
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6264);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8422);
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
        const { headLsn } = await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(552)]).then(__webpack_require__.bind(__webpack_require__, 552));
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
 * A ready-to-paste step that merges rows of `tables` from `branch` at `at` back into it, keeping later writes.
 * `tables` is a guess the user checks (e.g. the tables a bisect check reads).
 */
function recoverStep(options) {
    return workflowStep({
        ...options,
        operation: 'recover',
        inputs: [
            ['branch', options.branch.name],
            ['at', options.at],
            ['tables', `${options.tables} # the tables to bring back`],
            ['mode', 'merge']
        ]
    });
}
/** The tables a query reads, as written after FROM and JOIN (a hint for a snippet, not a parser). */
function tablesReadBy(sql) {
    const names = [...sql.matchAll(/\b(?:from|join)\s+((?:"[^"]+"|[A-Za-z_][\w$]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w$]*))?)/gi)];
    return [...new Set(names.map((match) => match[1]))];
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
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9525);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8855);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9425);
/* harmony import */ var _explain_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8849);
/**
 * restore: `branch` from its own past or another branch in one Neon restore that keeps the overwritten state
 * as a backup branch; or from a snapshot through Neon's snapshot restore with finalize (the branch id changes,
 * the name and connection string stay, and the old branch, renamed, is the backup).
 */





/** More backups of one branch than this and the summary warns that they are using up branch slots. */
const BACKUP_WARNING_COUNT = 3;
async function plan(settings, gateway, context) {
    const target = await (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveBranch */ .pd)(gateway, settings.branch);
    const from = await resolveSource(settings, target, gateway);
    if (from.kind === 'branch')
        await (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .checkPoint */ .NX)(gateway, from.branch, from.point, 'source', context);
    const backupName = (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .nameFor */ .Fe)(settings.name, target, 'restore', context);
    if (await gateway.branches.findByName(backupName)) {
        throw new Error(`name: a branch named "${backupName}" already exists; choose a name template that makes a new name`);
    }
    const existingBackups = (await gateway.branches.list({ search: `${target.name}_old_` })).filter((branch) => branch.name.startsWith(`${target.name}_old_`));
    const refusal = restoreRefusal(settings, target, from.kind === 'branch') ?? (await snapshotRefusal(from, target, gateway));
    return { settings, target, from, backupName, existingBackups, clearsExpiryOf: expiringSource(from, target), refusal };
}
/**
 * Why restoring `target` may not run, before anything changes: Neon lists `restore` in its restricted actions
 * (for an instant restore: Neon's docs name that restriction for PITR on a branch made by a snapshot restore,
 * neon.com/docs/guides/backup-restore, Limitations), or it needs `confirm`.
 */
function restoreRefusal(settings, target, instant) {
    return (instant ? (0,_explain_js__WEBPACK_IMPORTED_MODULE_3__/* .restriction */ .V0)('branch', target, 'restore') : undefined) ?? confirmProblem(settings, target);
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
    return (await gateway.branches.findByName(oldName)) ? (0,_explain_js__WEBPACK_IMPORTED_MODULE_3__/* .oldNameTaken */ .eo)('branch', target, oldName) : undefined;
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
        ['From', (0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describeSource */ .B6)(plan.settings.source)],
        ['Backup of the current state', plan.backupName],
        ['Expiry cleared on', plan.clearsExpiryOf?.name]
    ];
}
function describe(plan) {
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_4__/* .Summary */ .BD()
        .heading(`Dry run: Restore of ${plan.target.name}`)
        .paragraph('Nothing was changed. This step would restore as follows.')
        .keyValues(facts(plan));
    if (plan.refusal)
        summary.paragraph(`It would be refused: ${plan.refusal}`);
    else if (plan.clearsExpiryOf)
        summary.paragraph((0,_explain_js__WEBPACK_IMPORTED_MODULE_3__/* .expiryCleared */ .ax)('source', plan.clearsExpiryOf));
    return { outputs: {}, summary };
}
async function execute(plan, gateway, context) {
    const started = Date.now();
    if (plan.refusal)
        throw new Error(plan.refusal);
    if (plan.clearsExpiryOf) {
        await gateway.branches.update(plan.clearsExpiryOf.id, { expiresAt: null });
        context.info((0,_explain_js__WEBPACK_IMPORTED_MODULE_3__/* .expiryCleared */ .ax)('source', plan.clearsExpiryOf));
    }
    const result = plan.from.kind === 'snapshot'
        ? await restoreSnapshot(plan, plan.from.snapshot, gateway, context)
        : await restoreBranch(plan, plan.from, gateway);
    context.info(`Restored ${plan.target.name} from ${(0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describeSource */ .B6)(plan.settings.source)}; the previous state is ${result.backup.name}`);
    return { ...result, ms: Date.now() - started };
}
function report(plan, result, context) {
    const { target } = plan;
    const outputs = {
        'branch-id': result.restored.id,
        lsn: result.restored.parent_lsn ?? result.lsn ?? '',
        timestamp: (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .neonTime */ .gX)(result.restored.parent_timestamp ?? result.timestamp) ?? '',
        'backup-branch-id': result.backup.id,
        'backup-branch-name': result.backup.name
    };
    const backups = plan.existingBackups.length + 1;
    const slotWarning = backups > BACKUP_WARNING_COUNT
        ? `${backups} restore backups of ${target.name} now use branch slots; ` +
            `remove old ones with operation: prune, match: ${target.name}_old_*`
        : undefined;
    if (slotWarning)
        context.warning(slotWarning);
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_4__/* .Summary */ .BD()
        .heading(`Restore of ${target.name}`)
        .paragraph(`Restored ${target.name}. Its previous state is kept as ${result.backup.name}.`)
        .keyValues([
        ...facts(plan),
        ['Restored branch id', result.restored.id],
        ['Backup branch id', result.backup.id],
        ['Restored to LSN', outputs.lsn || undefined],
        ['Restored to time', outputs.timestamp || undefined],
        ['Took', (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(result.ms)]
    ]);
    if (slotWarning)
        summary.paragraph(`Warning: ${slotWarning}.`);
    if (plan.clearsExpiryOf)
        summary.paragraph((0,_explain_js__WEBPACK_IMPORTED_MODULE_3__/* .expiryCleared */ .ax)('source', plan.clearsExpiryOf));
    summary.heading('To undo this restore', 3).code((0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .restoreStep */ .T2)({
        actionRef: context.actionRef,
        projectId: plan.settings.projectId,
        carried: plan.settings,
        branch: { ...target, id: result.restored.id },
        source: result.backup.name
    }), 'yaml');
    const undoRefused = (0,_explain_js__WEBPACK_IMPORTED_MODULE_3__/* .restriction */ .V0)('branch', result.restored, 'restore');
    if (undoRefused)
        summary.paragraph(`Neon refuses that step for now. ${undoRefused}`);
    return { outputs, summary };
}
async function restoreBranch(plan, from, gateway) {
    const point = (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .pointFields */ .sj)(from.point);
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
    switch (source.kind) {
        case 'self':
            return { kind: 'branch', branch: target, point: source.point };
        case 'parent': {
            if (!target.parent_id)
                throw new Error(`source: ${target.name} has no parent branch to restore from`);
            return { kind: 'branch', branch: await gateway.branches.get(target.parent_id), point: source.point };
        }
        case 'branch': {
            const branch = await (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveBranch */ .pd)(gateway, source.branch, 'source');
            if (branch.id === target.id && source.point.kind === 'head') {
                throw new Error(`source: ${source.branch} is the branch itself at head, which changes nothing (give a past point)`);
            }
            return { kind: 'branch', branch, point: source.point };
        }
        case 'snapshot':
            return { kind: 'snapshot', snapshot: await (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveSnapshot */ .Vh)(gateway, source.snapshot) };
    }
}
function confirmProblem(settings, target) {
    const why = target.default ? 'the default branch' : target.protected ? 'a protected branch' : undefined;
    if (!why || settings.confirm === target.name)
        return undefined;
    const given = settings.confirm ? ` (confirm is "${settings.confirm}")` : '';
    return `confirm: ${target.name} is ${why}; to restore it, set confirm: ${target.name}${given}`;
}


/***/ })

};
