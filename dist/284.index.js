export const id = 284;
export const ids = [284];
export const modules = {

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


/***/ })

};
