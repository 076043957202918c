export const id = 671;
export const ids = [671];
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

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
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
// EXTERNAL MODULE: ./src/selfhosted/recovery-timeout.ts
var recovery_timeout = __webpack_require__(7080);
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





const SEGMENT = /^[0-9A-F]{24}$/;
/** Logged for each file restore_command fetched (xlogarchive.c, RestoreArchivedFile), in English (lc_messages=C). */
const RESTORED = /restored log file "([0-9A-F]{24})" from archive/g;
/** How long a check on a paused copy waits for a lock before the copy is promoted and asked again. */
const LOCK_TIMEOUT_MS = 2000;
/** Waits for pg_promote: long enough for the end-of-recovery checkpoint of a small copy. */
const PROMOTE_WAIT_SECONDS = 60;
/**
 * Stops a copy so that it can be copied: a CHECKPOINT first, which in recovery makes a restartpoint ("If executed
 * during recovery, the CHECKPOINT command will force a restartpoint ... rather than writing a new checkpoint",
 * the CHECKPOINT reference page), then an immediate shutdown; its next start recovers from that restartpoint, as
 * after a crash. A fast shutdown makes the same restartpoint but waits about a second in the paused startup
 * process first (measured on 15). When the CHECKPOINT is refused (a role without pg_checkpoint), a fast shutdown.
 */
async function park(cluster, uri) {
    const checkpointed = await (0,postgres/* withClient */.SV)(uri, (client) => client.query('CHECKPOINT')).then(() => true, () => false);
    await cluster.stop(checkpointed ? 0 : undefined);
}
class CopyProber {
    root;
    settings;
    context;
    seed;
    probed = new Map();
    stats = { copies: 0, bytesReplayed: 0n, peakDiskBytes: 0, promoted: 0 };
    /** The WAL segments any of our clusters restored from the archive (see walNeeded). */
    fromArchive = new Set();
    /** What each cluster's data directory took once it was checked (see ./disk.ts). */
    sizes = new Map();
    constructor(root, seed, settings, context) {
        this.root = root;
        this.settings = settings;
        this.context = context;
        this.seed = seed;
        this.probed.set(seed.lsn, seed);
        this.sizes.set(seed.cluster, seed.bytes);
        this.noteRestored(seed.cluster);
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
        // Once a reflink failed, the filesystem cannot make them: the later copies go straight to a plain copy.
        this.stats.method = await copy.copyFrom(this.seed.cluster, {
            tryReflink: this.stats.method !== 'copy',
            keepWal: (name) => this.walNeeded(name)
        });
        this.stats.copies++;
        const control = await copy.controlData(this.settings.bin);
        const redo = (0,src_lsn/* parseLsn */.l2)(control["Latest checkpoint's REDO location"] ?? '0/0');
        await copy.prepare();
        const paused = target.kind !== 'end';
        const hold = paused ? { kind: 'pause', limits: (0,recovery/* hotStandbySettings */.YJ)(control) } : undefined;
        const settings = (0,recovery/* serverSettings */.Dm)({ ...copy.recoveryOptions(this.settings.restoreCommand, target), hold });
        await this.startWithin(copy, settings, paused);
        try {
            const reached = await this.readReached(copy);
            this.stats.bytesReplayed += reached.lsn > redo ? reached.lsn - redo : 0n;
            const { outcome, promoted } = await this.check(copy, target);
            this.sizes.set(copy, await treeBytes(copy.dataDir));
            this.noteRestored(copy);
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
            await park(copy, this.uri(copy));
        }
    }
    /** Starts a copy's replay, bounded by recovery-timeout (the copy is stopped when it passes). */
    async startWithin(copy, settings, paused) {
        const deadline = new recovery_timeout/* RecoveryDeadline */.aR(this.settings.recoveryTimeoutMs, async () => {
            const progress = (0,recovery_timeout/* replayProgress */.rX)(copy.log());
            await copy.stop();
            return progress;
        });
        try {
            await deadline.within(copy.start(this.settings.bin, settings, { paused }));
        }
        finally {
            deadline.clear();
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
    /**
     * Whether a copy needs the seed's pg_wal file `name`. Recovery keeps each segment it restored from the archive
     * in pg_wal under its own name (XLogFileRead in xlogrecovery.c calls KeepFileRestoredFromArchive, xlogarchive.c)
     * until a restartpoint removes it: a copy fetches those from the archive again. One past the newest restored is
     * recycled (a renamed old segment waiting to be reused). Any other file (the backup's own WAL, timeline
     * history, archive_status) is copied.
     */
    walNeeded(name) {
        if (!SEGMENT.test(name))
            return true;
        const newest = [...this.fromArchive].sort().at(-1);
        return !this.fromArchive.has(name) && (newest === undefined || name <= newest);
    }
    /** Notes the segments a cluster restored from the archive, read from its log. */
    noteRestored(cluster) {
        for (const [, segment] of cluster.log().matchAll(RESTORED))
            this.fromArchive.add(segment);
    }
    /** At a round's end every cluster it used is still on disk: the seed, the kept ones and the round's copies. */
    notePeak() {
        const clusters = new Set([...this.probed.values()].map((probed) => probed.cluster));
        const total = [...clusters].reduce((sum, cluster) => sum + (this.sizes.get(cluster) ?? 0), 0);
        this.stats.peakDiskBytes = Math.max(this.stats.peakDiskBytes, total);
    }
    /**
     * The copy at the new good bound seeds the next round (unless it was promoted: the seed then stays); the copy
     * at the bad bound is kept; every other copy is removed, freeing its space before the next round's copies.
     */
    async afterRound(interval) {
        this.notePeak();
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

// EXTERNAL MODULE: ./src/selfhosted/restore.ts + 4 modules
var selfhosted_restore = __webpack_require__(5597);
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
    const answer = result.searched.result;
    const outputs = (0,report/* answerOutputs */.$M)(result.searched);
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
            `${stats.copies} of the restored cluster at good, ${(0,format/* formatBytes */.z3)(result.clusterBytes)} ` +
                `(${stats.method === 'reflink' ? 'reflinks' : 'full copies'}, without the WAL the archive serves again)` +
                (stats.promoted ? `, ${stats.promoted} promoted to get past a lock` : '')
        ],
        ['WAL replayed by the copies', (0,format/* formatBytes */.z3)(stats.bytesReplayed)],
        ['Disk used at most', `${(0,format/* formatBytes */.z3)(stats.peakDiskBytes)} (the clusters of one round, each as du counts it)`],
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
/**
 * bisect with backend: postgres: the first LSN where the check fails, over a base backup and its WAL archive.
 * Recovery only moves forward, so the backup is restored once, to `good`, and paused there read-only; each round
 * replays copies of that cluster forward to its probe LSNs (./bisect-copies.ts), and the copy at the new good
 * bound seeds the next round. The k-ary search and its rounds are the Neon bisect's (src/search.ts,
 * src/operations/bisect/rounds.ts). Before anything starts: the points' order, good against the backup, and the
 * disk room for a round's copies when the backup's size is known; again with the restored size before any copy.
 */













/** Copies on disk during a round besides its probes: the paused cluster at good and the copy kept at bad. */
const HELD_COPIES = 2;
async function plan(settings, context) {
    checkPointOrder(settings.good, settings.bad);
    const restore = { ...(await (0,selfhosted_restore.planRestore)({ ...settings, at: settings.good }, context, { copies: true })), pause: true };
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
        await park(restored.cluster, restored.uri(plan.settings.database, plan.settings.role));
        await refuseTablespaces(restored.cluster.dataDir);
        const clusterBytes = await treeBytes(restored.cluster.dataDir);
        const { parallelism } = plan.settings;
        const dir = plan.restore.parentDir;
        const room = { eachBytes: clusterBytes, freeBytes: await freeBytes(dir), dir, what: 'the restored cluster' };
        checkRoom({ ...room, parallelism, held: HELD_COPIES - 1 });
        const prober = new CopyProber(restored.cluster, { ...seed, bytes: clusterBytes }, copySettings(plan, restored, dir), context);
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
/**
 * A tablespace is a symlink in pg_tblspc to a directory outside the data directory: copies would share it, and
 * replaying one copy would change the others' files. Refused before the first copy.
 */
async function refuseTablespaces(dataDir) {
    const links = await (0,promises_.readdir)(external_node_path_default().join(dataDir, 'pg_tblspc')).catch(() => []);
    if (links.length === 0)
        return;
    throw new Error(`backup: the restored cluster has ${links.length} tablespace(s) outside its data directory (pg_tblspc), which ` +
        "bisect's copies would share: bisect with backend: postgres needs a cluster without tablespaces " +
        '(verify, query and recover work with them)');
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
        dir,
        recoveryTimeoutMs: settings.recoveryTimeoutMs
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


/***/ })

};
