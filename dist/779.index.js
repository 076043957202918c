export const id = 779;
export const ids = [779];
export const modules = {

/***/ 3779:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vy: () => (/* binding */ checkSocketPath),
/* harmony export */   ll: () => (/* binding */ RestoredCluster),
/* harmony export */   removeLeftover: () => (/* binding */ removeLeftover),
/* harmony export */   tU: () => (/* binding */ WORK_DIR_PREFIX)
/* harmony export */ });
/* unused harmony exports WorkDirAccessError, ServerStartError, SocketPathError */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _recovery_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4601);
/* harmony import */ var _user_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9026);
/**
 * The throwaway cluster a restore runs in: a work directory in RUNNER_TEMP holding the data directory, the server
 * log and our own pg_hba.conf; a server run as the cluster user, listening on a unix socket in the data directory
 * only (so no port can clash); stopped by its PID and removed with its directory. Readiness is line 8 of
 * postmaster.pid reading `ready` ("ready to accept connections"; it reads `starting` through recovery, and also
 * `ready` once a hot standby accepts read-only connections: postmaster.c writes `standby` only with hot_standby
 * off): pg_ctl -w returns too early during archive recovery (../shared/pitr-notes.md). So a cluster paused at its
 * target (bisect) is ready once its log also says it paused there.
 * Copies of a stopped cluster (bisect's probes) live in its work directory and are stopped and removed with it.
 */






/** The directory prefix of every work directory, which the post step recognises. */
const WORK_DIR_PREFIX = 'neon-recovery-';
/** The cluster user cannot reach RUNNER_TEMP: the message names the user and the fix. */
class WorkDirAccessError extends Error {
    constructor(dir, user) {
        super(`PostgreSQL refuses to run as root, so the restore runs as ${user.name}, which cannot write ${dir}: ` +
            `let it through (chmod o+x on each parent of ${dir}) or run the job as an unprivileged user`);
        this.name = 'WorkDirAccessError';
    }
}
/** PostgreSQL exited before it was ready, and its log shows no recovery failure we know. */
class ServerStartError extends Error {
    constructor(logTail) {
        super(`PostgreSQL stopped before it was ready; its log ends:\n${logTail}`);
        this.name = 'ServerStartError';
    }
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Logged once a recovery target is reached with recovery_target_action = pause (xlogrecovery.c,
 * recoveryPausesHere: "pausing at the end of recovery"); messages are in English (lc_messages=C, recovery.ts).
 */
const PAUSED_AT_TARGET = 'pausing at the end of recovery';
class RestoredCluster {
    workDir;
    user;
    child;
    exited;
    /** Set by remove(): a start after it (a cancelled step's work still under way) must not leave a server behind. */
    removed = false;
    /** The copies made in this work directory, stopped before it is removed. */
    copies = [];
    /** Kills a copy's `cp` still running when the cluster is removed (a cancel mid-round). */
    copying = new AbortController();
    constructor(workDir, user) {
        this.workDir = workDir;
        this.user = user;
    }
    get dataDir() {
        return node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.workDir, 'data');
    }
    get logFile() {
        return node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.workDir, 'server.log');
    }
    /** The unix socket's directory: the work directory, the shortest path of ours (see checkSocketPath). */
    get socketDir() {
        return this.workDir;
    }
    get hbaFile() {
        return node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.workDir, 'pg_hba.conf');
    }
    /** A new work directory under `parent` with an empty data directory, both owned by the cluster user. */
    static async create(parent, user, remember, prefix = WORK_DIR_PREFIX) {
        const workDir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(parent, prefix));
        remember(workDir);
        const cluster = new RestoredCluster(workDir, user);
        await (0,_user_js__WEBPACK_IMPORTED_MODULE_5__/* .makeOwnedDir */ .NP)(workDir, user);
        await (0,_user_js__WEBPACK_IMPORTED_MODULE_5__/* .runAs */ .Y4)(user, 'test', ['-w', workDir]).catch((error) => {
            if (error instanceof _user_js__WEBPACK_IMPORTED_MODULE_5__/* .CommandError */ .Qd)
                throw new WorkDirAccessError(parent, user);
            throw error;
        });
        await (0,_user_js__WEBPACK_IMPORTED_MODULE_5__/* .makeOwnedDir */ .NP)(cluster.dataDir, user);
        return cluster;
    }
    /** Runs the backup tool's command that fills the data directory, as the cluster user; `signal` kills it. */
    async fill(command, signal) {
        await (0,_user_js__WEBPACK_IMPORTED_MODULE_5__/* .runAs */ .Y4)(this.user, command.file, command.args, {
            env: { ...process.env, ...command.env },
            what: command.what,
            signal
        });
    }
    async readDataFile(name) {
        return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.dataDir, name), 'utf8').catch(() => undefined);
    }
    /**
     * recovery.signal (pgBackRest writes it too), or standby.signal for a standby, and a pg_hba.conf that trusts the
     * socket, owned by the cluster user.
     */
    async prepare(signalFile = 'recovery.signal') {
        await this.writeOwned(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.dataDir, signalFile), '');
        await this.writeOwned(this.hbaFile, 'local all all trust\n');
    }
    /**
     * Appends `name = value` lines to postgresql.auto.conf, "read after postgresql.conf" so its settings win
     * (docs: Setting Parameters): for a setting that must not show in the server's command line (a password).
     */
    async appendSetting(name, quotedValue) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.dataDir, 'postgresql.auto.conf');
        const existing = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(file, 'utf8').catch(() => '');
        await this.writeOwned(file, `${existing}${existing.endsWith('\n') || !existing ? '' : '\n'}${name} = ${quotedValue}\n`);
    }
    async writeOwned(file, text) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(file, text, { mode: 0o600 });
        if (this.user.ids)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.chown)(file, this.user.ids.uid, this.user.ids.gid);
    }
    recoveryOptions(restoreCommand, target) {
        return { restoreCommand, target, socketDir: this.socketDir, hbaFile: this.hbaFile };
    }
    /**
     * Starts the server on `settings` and resolves once recovery ended and it accepts connections (or, a standby,
     * read-only ones), or, with `paused`, once it paused at its target and accepts read-only connections. `watch`
     * runs at each poll and may throw to give up (the caller then removes the cluster).
     */
    async start(bin, settings, { paused = false, watch } = {}) {
        this.checkNotRemoved();
        const logStart = this.log().length;
        const log = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(this.logFile, 'a');
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(bin, 'postgres'), ['-D', this.dataDir, ...(0,_recovery_js__WEBPACK_IMPORTED_MODULE_4__/* .settingsArgs */ .r9)(settings)], {
            ...(this.user.ids ?? {}),
            detached: true,
            stdio: ['ignore', log, log],
            env: { ...process.env, ...restoreCommandEnv(this.dataDir) }
        });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(log);
        this.child = child;
        let ended = false;
        this.exited = new Promise((resolve) => child.once('exit', () => {
            ended = true;
            this.child = undefined;
            resolve();
        }));
        const pidFile = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.dataDir, 'postmaster.pid');
        for (;;) {
            if (ended)
                throw ((0,_recovery_js__WEBPACK_IMPORTED_MODULE_4__/* .recoveryFailure */ .W2)(this.log()) ?? new ServerStartError(this.log().trimEnd().split('\n').slice(-12).join('\n')));
            const lines = readText(pidFile).split('\n');
            const state = Number(lines[0]) === child.pid ? lines[7]?.trim() : undefined;
            if (!paused && state === 'ready')
                return;
            if (paused && state === 'ready' && this.log().slice(logStart).includes(PAUSED_AT_TARGET))
                return;
            watch?.();
            await sleep(10);
        }
    }
    log() {
        return readText(this.logFile);
    }
    /** A connection string over the socket (trusted: our pg_hba.conf). */
    uri(database, role) {
        return `postgresql://${encodeURIComponent(role)}@localhost/${encodeURIComponent(database)}?host=${encodeURIComponent(this.socketDir)}`;
    }
    checkNotRemoved() {
        if (this.removed)
            throw new Error(`${this.workDir} was removed (the step was cancelled)`);
    }
    /** Stops the server (fast shutdown, then immediate after `graceMs`; 0: immediate at once). */
    async stop(graceMs = 5000) {
        const child = this.child;
        if (!child?.pid)
            return;
        signal(child.pid, 'SIGINT');
        const timer = setTimeout(() => child.pid && signal(child.pid, 'SIGQUIT'), graceMs);
        await this.exited;
        clearTimeout(timer);
    }
    /** Stops the server (and every copy's) and removes the work directory with everything in it. */
    async remove() {
        // Before anything is awaited: a copy bisect would start meanwhile must refuse, not run in a removed directory.
        this.removed = true;
        for (const copy of [this, ...this.copies]) {
            copy.removed = true;
            copy.copying.abort();
        }
        await Promise.all(this.copies.map((copy) => copy.stop()));
        await this.stop();
        // A killed cp may still be writing for a moment: rm retries on ENOTEMPTY.
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(this.workDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    }
    /** Removes the (stopped) data directory only, freeing its space; the work directory and copies stay. */
    async discardData() {
        await this.stop();
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(this.dataDir, { recursive: true, force: true });
    }
    /** A new, empty cluster in this one's work directory (`copies/`), stopped and removed with it. */
    async newCopy() {
        this.checkNotRemoved();
        const parent = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.workDir, COPIES_DIR);
        await (0,_user_js__WEBPACK_IMPORTED_MODULE_5__/* .makeOwnedDir */ .NP)(parent, this.user);
        // Short names (c/XXXXXX): the copy's socket path must stay within the limit (checkSocketPath).
        const copy = await RestoredCluster.create(parent, this.user, () => undefined, '');
        this.copies.push(copy);
        copy.removed = this.removed; // removed while it was being made
        return copy;
    }
    /**
     * Fills this cluster's empty data directory with `source`'s, which must be stopped (a running server's files
     * are not a consistent copy). `cp --reflink=always` shares the blocks on filesystems that can (btrfs, XFS);
     * where it fails, a plain copy (GNU coreutils' cp). pg_wal is always a directory of the copy's own (a symlinked
     * one would be shared), holding only the files `keepWal` names: the copy fetches the rest from the archive.
     */
    async copyFrom(source, { tryReflink = true, keepWal = () => true } = {}) {
        const top = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)(source.dataDir)).filter((name) => name !== 'pg_wal');
        const wal = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(source.dataDir, 'pg_wal'))).filter(keepWal);
        await (0,_user_js__WEBPACK_IMPORTED_MODULE_5__/* .makeOwnedDir */ .NP)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.dataDir, 'pg_wal'), this.user);
        const copy = async (reflink) => {
            const run = (names, from, to) => names.length === 0
                ? Promise.resolve()
                : (0,_user_js__WEBPACK_IMPORTED_MODULE_5__/* .runAs */ .Y4)(this.user, 'cp', ['-a', ...reflink, '--', ...names.map((name) => node_path__WEBPACK_IMPORTED_MODULE_3___default().join(from, name)), to], {
                    what: `cp of ${from}`,
                    signal: this.copying.signal
                });
            await run(top, source.dataDir, this.dataDir);
            await run(wal, node_path__WEBPACK_IMPORTED_MODULE_3___default().join(source.dataDir, 'pg_wal'), node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.dataDir, 'pg_wal'));
        };
        if (tryReflink &&
            (await copy(['--reflink=always']).then(() => true, () => false)))
            return 'reflink';
        // Over what a failed reflink may have left: cp -a overwrites it.
        await copy([]);
        return 'copy';
    }
    /** pg_controldata of the (stopped) data directory, in English, as name → value. */
    async controlData(bin) {
        const { stdout } = await (0,_user_js__WEBPACK_IMPORTED_MODULE_5__/* .runAs */ .Y4)(this.user, node_path__WEBPACK_IMPORTED_MODULE_3___default().join(bin, 'pg_controldata'), ['-D', this.dataDir], {
            env: { ...process.env, LC_ALL: 'C' },
            what: 'pg_controldata'
        });
        return (0,_recovery_js__WEBPACK_IMPORTED_MODULE_4__/* .parseControlData */ .hA)(stdout);
    }
}
/** Where a cluster's copies are made, inside its work directory. */
const COPIES_DIR = 'c';
/** The socket's path below the work directories' parent: ours, and a copy's (bisect). */
const SOCKET_SUFFIX = `/${WORK_DIR_PREFIX}XXXXXX/.s.PGSQL.5432`;
const COPY_SOCKET_SUFFIX = `/${WORK_DIR_PREFIX}XXXXXX/${COPIES_DIR}/XXXXXX/.s.PGSQL.5432`;
/** The work directories' parent is too long for PostgreSQL's unix socket path. */
class SocketPathError extends Error {
    constructor(parent, length, limit) {
        super(`RUNNER_TEMP: ${parent} is too long for the restored copy's unix socket (${length} bytes with the socket's ` +
            `own path, at most ${limit}): set RUNNER_TEMP in the step's env to a shorter directory, e.g. /tmp/restore`);
        this.name = 'SocketPathError';
    }
}
/**
 * PostgreSQL refuses a unix socket path longer than sockaddr_un's sun_path less its NUL ("Unix-domain socket path
 * \"%s\" is too long (maximum %d bytes)", pqcomm.c): 107 bytes on Linux, 103 on macOS. Checked before anything
 * starts; with `copies`, for bisect's copies, which live one level deeper.
 */
function checkSocketPath(parent, copies = false, platform = process.platform) {
    const limit = platform === 'linux' ? 107 : 103;
    const length = Buffer.byteLength(parent + (copies ? COPY_SOCKET_SUFFIX : SOCKET_SUFFIX));
    if (length > limit)
        throw new SocketPathError(parent, length, limit);
}
/**
 * The environment restore_command runs in, beyond the step's own (which carries PGBACKREST_CONFIG and the
 * like). pgBackRest's archive-get refuses a data directory other than its configured pg1-path ("is the
 * PostgreSQL data_directory configured the same as the pg1-path option?"); "Any option may be set in an
 * environment variable using the PGBACKREST_ prefix ... pg1-path becomes PGBACKREST_PG1_PATH"
 * (pgbackrest.org/command.html, Introduction). The docs do not say that it overrides the configuration file;
 * measured with 2.45, it does (__tests__/selfhosted/verify.test.ts). Other tools ignore it.
 */
function restoreCommandEnv(dataDir) {
    return { PGBACKREST_PG1_PATH: dataDir, TZ: 'UTC' };
}
function readText(file) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(file, 'utf8');
    }
    catch {
        return '';
    }
}
function signal(pid, name) {
    try {
        process.kill(pid, name);
    }
    catch {
        // already gone
    }
}
/**
 * The post step's sweep of a work directory the main step could not remove (killed): stops the server still
 * running in it (its postmaster.pid names the data directory on line 2) and removes the directory.
 */
async function removeLeftover(workDir) {
    if (!node_path__WEBPACK_IMPORTED_MODULE_3___default().basename(workDir).startsWith(WORK_DIR_PREFIX))
        return false;
    const copies = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(workDir, COPIES_DIR)).catch(() => []);
    const dataDirs = [workDir, ...copies.map((copy) => node_path__WEBPACK_IMPORTED_MODULE_3___default().join(workDir, COPIES_DIR, copy))].map((dir) => node_path__WEBPACK_IMPORTED_MODULE_3___default().join(dir, 'data'));
    await Promise.all(dataDirs.map(stopLeftoverServer));
    const existed = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(workDir).then(() => true, () => false);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(workDir, { recursive: true, force: true });
    return existed;
}
/** Stops the server whose postmaster.pid in `dataDir` names that directory (line 2), if one runs. */
async function stopLeftoverServer(dataDir) {
    const pidFile = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
    const [pid, dir] = pidFile.split('\n');
    if (!(Number(pid) > 0 && dir === dataDir))
        return;
    signal(Number(pid), 'SIGQUIT');
    for (let i = 0; i < 500 && alive(Number(pid)); i++)
        await sleep(10);
}
function alive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 4601:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dm: () => (/* binding */ serverSettings),
/* harmony export */   EF: () => (/* binding */ parseBackupLabel),
/* harmony export */   W2: () => (/* binding */ recoveryFailure),
/* harmony export */   YJ: () => (/* binding */ hotStandbySettings),
/* harmony export */   hA: () => (/* binding */ parseControlData),
/* harmony export */   r9: () => (/* binding */ settingsArgs)
/* harmony export */ });
/* unused harmony exports FETCH_FAILED, wrapRestoreCommand, RecoveryFailedError, SegmentUnavailableError, TargetBeforeBackupEndError */
/* harmony import */ var _backup_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7375);
/**
 * PostgreSQL's archive recovery of a restored data directory: the settings it starts with, what its backup_label
 * says, and the server log's failures turned into typed errors that quote the log. Pure: no I/O.
 *
 * Facts used (PostgreSQL 15 documentation, "Recovery Target" and "Archive Recovery" sections of runtime-config-wal,
 * and measured with Debian's 15, see ../shared/pitr-notes.md):
 * - `recovery.signal` starts a targeted recovery; without a target recovery replays every segment
 *   restore_command can fetch, then promotes.
 * - "At most one of recovery_target, recovery_target_lsn, recovery_target_name, recovery_target_time, or
 *   recovery_target_xid can be used" (runtime-config-wal): the others are set to '' here, since the backup's own
 *   files may carry one (pgBackRest's restore writes one). Measured on 15: assigning any of them, even '', while
 *   another is already set raises "multiple recovery targets specified", so the chosen one is assigned last.
 * - Command-line `-c` settings override every configuration file, so nothing in the backup's files is edited.
 */

/** Written to the server log by the restore_command wrapper when the user's command fails, naming the file. */
const FETCH_FAILED = 'neon-recovery-action: restore-command exited';
/**
 * restore_command wrapped so that a failure names the file it could not fetch (PostgreSQL logs a failed
 * restore_command only at DEBUG2). `%f` and `%p` are substituted by PostgreSQL in the whole string. The command's
 * exit status is passed on unchanged: PostgreSQL aborts recovery when "the command was terminated by a signal
 * (other than SIGTERM ...) or an error by the shell (such as command not found)" (docs: Continuous Archiving,
 * Recovering Using a Continuous Archive Backup), which it reads from that status.
 */
function wrapRestoreCommand(command) {
    return `(${command}); s=$?; [ $s -eq 0 ] || echo "${FETCH_FAILED} $s for %f" >&2; exit $s`;
}
/** Only one of these may be non-empty. */
const TARGETS = [
    'recovery_target',
    'recovery_target_lsn',
    'recovery_target_name',
    'recovery_target_time',
    'recovery_target_xid'
];
/**
 * The server's settings, as `-c name=value` arguments. Archiving is off: the restored copy must never push WAL
 * into the primary's archive. Messages are in English (`lc_messages=C`), since the failures are read from the log.
 * A time target is inclusive (the default): it keeps the commits at or before it. An LSN target is not:
 * recovery_target_inclusive "specifies whether to stop just after the specified recovery target (on), or just
 * before the recovery target (off)" (runtime-config-wal), and PostgreSQL compares the start of each record with
 * the target (xlogrecovery.c, recoveryStopsBefore: `record->ReadRecPtr >= recoveryTargetLSN`), so the state at
 * an LSN is every record that starts before it: for an LSN the primary's pg_current_wal_lsn() returned, exactly
 * what was written then, as on Neon. Inclusive would also replay the record starting there (a commit, say). The
 * timeline stays at its default, `latest`: a self-hosted archive holds one primary's history.
 */
function serverSettings(options) {
    const pause = options.hold?.kind === 'pause' ? options.hold.limits : undefined;
    const settings = {
        listen_addresses: '',
        unix_socket_directories: options.socketDir,
        port: '5432',
        hba_file: options.hbaFile,
        archive_mode: 'off',
        hot_standby: pause ? 'on' : 'off',
        primary_conninfo: '',
        restore_command: wrapRestoreCommand(options.restoreCommand),
        recovery_target_action: pause ? 'pause' : 'promote',
        recovery_target_inclusive: options.target.kind === 'lsn' ? 'off' : 'on',
        lc_messages: 'C',
        max_connections: '20',
        shared_buffers: '32MB',
        ...pause
    };
    // Setting any target (even to '') while another is set is the error, so the empties come first, the target last.
    for (const name of TARGETS)
        settings[name] = '';
    const target = options.target;
    if (target.kind === 'end')
        return settings;
    const [name, value] = target.kind === 'time' ? ['recovery_target_time', (0,_backup_js__WEBPACK_IMPORTED_MODULE_0__/* .postgresTime */ .Vz)(target.time)] : ['recovery_target_lsn', target.lsn];
    delete settings[name];
    return { ...settings, [name]: value };
}
/**
 * A hot standby refuses to run with a lower max_connections, max_worker_processes, max_wal_senders,
 * max_prepared_transactions or max_locks_per_transaction than the primary's ("Hot Standby", Administrator's
 * Overview, PostgreSQL 15 docs), which pg_controldata reports as `<name> setting:` lines: the same values are set.
 */
const HOT_STANDBY_CONTROL = {
    max_connections: 'max_connections setting',
    max_worker_processes: 'max_worker_processes setting',
    max_wal_senders: 'max_wal_senders setting',
    max_prepared_transactions: 'max_prepared_xacts setting',
    max_locks_per_transaction: 'max_locks_per_xact setting'
};
/** pg_controldata's output (run with LC_ALL=C) as name → value. */
function parseControlData(text) {
    const fields = {};
    for (const line of text.split('\n')) {
        const colon = line.indexOf(':');
        if (colon > 0)
            fields[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    return fields;
}
/** The settings a paused (hot standby) copy needs from its control file; the message says which one is missing. */
function hotStandbySettings(control) {
    const settings = {};
    for (const [name, field] of Object.entries(HOT_STANDBY_CONTROL)) {
        if (!/^\d+$/.test(control[field] ?? ''))
            throw new Error(`pg_controldata did not report "${field}"`);
        settings[name] = control[field];
    }
    return settings;
}
function settingsArgs(settings) {
    return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}
/** Reads a backup_label (PostgreSQL's do_pg_backup_stop writes it); undefined when it is not one. */
function parseBackupLabel(text) {
    const start = /^START WAL LOCATION: ([0-9A-F]+\/[0-9A-F]+) \(file ([0-9A-F]{24})\)/m.exec(text);
    if (!start)
        return undefined;
    const time = /^START TIME: (.+)$/m.exec(text)?.[1];
    const timeline = /^START TIMELINE: (\d+)$/m.exec(text)?.[1];
    return {
        startLsn: start[1],
        startSegment: start[2],
        startTime: time,
        timeline: timeline ? Number(timeline) : undefined
    };
}
/** PostgreSQL stopped the recovery: the FATAL line, quoted. */
class RecoveryFailedError extends Error {
    fatal;
    constructor(message, fatal) {
        super(message);
        this.fatal = fatal;
        this.name = 'RecoveryFailedError';
    }
}
/** The WAL recovery needs could not be fetched: the segment and what restore_command printed. */
class SegmentUnavailableError extends RecoveryFailedError {
    segment;
    toolOutput;
    constructor(segment, toolOutput, fatal) {
        super(`restore-command could not fetch WAL segment ${segment}, which the recovery needs` +
            `${toolOutput ? ` (it printed: "${toolOutput}")` : ''}; PostgreSQL stopped with "${fatal}". ` +
            'Check that restore-command fetches from the archive this backup belongs to and that the archive holds ' +
            `${segment}, or choose an earlier at`, fatal);
        this.segment = segment;
        this.toolOutput = toolOutput;
        this.name = 'SegmentUnavailableError';
    }
}
/** The target lies before the point where the backup becomes consistent (its end). */
class TargetBeforeBackupEndError extends RecoveryFailedError {
    constructor(fatal) {
        super(`at lies before the end of the base backup: PostgreSQL stopped with "${fatal}". ` +
            'Choose a later at, or a backup taken before that point', fatal);
        this.name = 'TargetBeforeBackupEndError';
    }
}
/** FATAL lines that mean WAL was missing (xlogrecovery.c in PostgreSQL 15). */
const MISSING_WAL = [
    'could not locate required checkpoint record',
    'recovery ended before configured recovery target was reached',
    'WAL ends before consistent recovery point',
    'WAL ends before end of online backup'
];
const SEGMENT = /^[0-9A-F]{24}$/;
/** The failure a stopped recovery's log shows, typed; undefined when it shows no FATAL line. */
function recoveryFailure(log) {
    const lines = log.split('\n');
    const fatalAt = lines.findIndex((line) => /\b(FATAL|PANIC):/.test(line));
    if (fatalAt < 0)
        return undefined;
    const fatal = lines[fatalAt].replace(/^.*?\b(FATAL|PANIC):\s*/, '$1: ');
    if (fatal.includes('requested recovery stop point is before consistent recovery point'))
        return new TargetBeforeBackupEndError(fatal);
    if (MISSING_WAL.some((text) => fatal.includes(text))) {
        const failed = lastFailedFetch(lines.slice(0, fatalAt));
        if (failed)
            return new SegmentUnavailableError(failed.segment, failed.output, fatal);
    }
    return new RecoveryFailedError(`PostgreSQL stopped the recovery with "${fatal}"`, fatal);
}
/** The last WAL segment (not a timeline history file) restore_command failed to fetch, and what it printed. */
function lastFailedFetch(lines) {
    for (let index = lines.length - 1; index >= 0; index--) {
        if (!lines[index].startsWith(FETCH_FAILED))
            continue;
        const segment = lines[index].split(' ').at(-1) ?? '';
        if (SEGMENT.test(segment))
            return { segment, output: printedBefore(lines, index) };
    }
    return undefined;
}
/** The command's own lines just before the wrapper's (the server's lines start with a timestamp), its error first. */
function printedBefore(lines, index) {
    const printed = [];
    for (let at = index - 1; at >= 0 && printed.length < 6; at--) {
        if (/^\d{4}-\d{2}-\d{2} /.test(lines[at]) || lines[at].startsWith(FETCH_FAILED))
            break;
        printed.unshift(lines[at].trim());
    }
    const error = printed.find((line) => /error/i.test(line));
    return (error ?? printed[0])?.slice(0, 300) || undefined;
}


/***/ }),

/***/ 9026:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kh: () => (/* binding */ clusterUser),
/* harmony export */   NP: () => (/* binding */ makeOwnedDir),
/* harmony export */   Qd: () => (/* binding */ CommandError),
/* harmony export */   Y4: () => (/* binding */ runAs)
/* harmony export */ });
/* unused harmony exports UNPRIVILEGED_USER, asUser */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_2__);
/**
 * Who runs PostgreSQL and the backup tools. PostgreSQL refuses to run as root ("root" execution of the
 * PostgreSQL server is not permitted", src/backend/main/main.c), and self-hosted runners and this project's CI
 * run as root: then the restored cluster, the backup tool's restore and the archive's restore_command all run as
 * `nobody`, which must be able to read the backup and the archive. Any other user runs them as itself.
 */



const UNPRIVILEGED_USER = 'nobody';
/** The user the clusters run as, looked up once. */
function clusterUser(getuid = process.getuid?.bind(process)) {
    if (getuid?.() !== 0)
        return { name: "the runner's user" };
    const id = (flag) => Number((0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)('id', [flag, UNPRIVILEGED_USER], { encoding: 'utf8' }).trim());
    return { ids: { uid: id('-u'), gid: id('-g') }, name: UNPRIVILEGED_USER };
}
/** spawn/execFile options that run a child as the cluster user. */
function asUser(user) {
    return user.ids ? { uid: user.ids.uid, gid: user.ids.gid } : {};
}
/**
 * A directory of mode 0700 that the cluster user owns (PostgreSQL wants its data directory so), in a parent that
 * must exist: never recursive, so a work directory the cancel handler removed is not made again under it.
 */
async function makeOwnedDir(dir, user) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(dir, { mode: 0o700 }).catch((error) => {
        if (error.code !== 'EEXIST')
            throw error;
    });
    if (user.ids)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.chown)(dir, user.ids.uid, user.ids.gid);
}
/** A command failed: its exit code and what it wrote to stderr, for a message that quotes it. */
class CommandError extends Error {
    command;
    exitCode;
    stderr;
    constructor(command, exitCode, stderr) {
        super(`${command} failed (exit ${exitCode ?? '?'})${stderr.trim() ? `: ${stderr.trim()}` : ''}`);
        this.command = command;
        this.exitCode = exitCode;
        this.stderr = stderr;
        this.name = 'CommandError';
    }
}
const execFileAsync = (0,node_util__WEBPACK_IMPORTED_MODULE_2__.promisify)(node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile);
/** Runs `file args` as the cluster user; throws CommandError naming `what` when it fails. */
async function runAs(user, file, args, options = {}) {
    try {
        const { stdout, stderr } = await execFileAsync(file, args, {
            maxBuffer: 64 * 1024 * 1024,
            ...options,
            ...asUser(user),
            encoding: 'utf8'
        });
        return { stdout, stderr };
    }
    catch (error) {
        const failure = error;
        throw new CommandError(options.what ?? file, failure.code, failure.stderr || failure.message);
    }
}


/***/ })

};
