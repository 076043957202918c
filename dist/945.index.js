export const id = 945;
export const ids = [945];
export const modules = {

/***/ 5945:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ap: () => (/* reexport */ CheckTimeoutError),
  Rc: () => (/* reexport */ ConnectionError),
  XB: () => (/* reexport */ LockTimeoutError),
  uu: () => (/* reexport */ NotBooleanError),
  Mp: () => (/* reexport */ StatementError),
  wx: () => (/* reexport */ beginReadOnly),
  A4: () => (/* reexport */ canonicalText),
  X2: () => (/* reexport */ checkSelect),
  Ng: () => (/* reexport */ connect),
  D9: () => (/* reexport */ copyRows),
  XS: () => (/* reexport */ copyWriter),
  headLsn: () => (/* reexport */ headLsn),
  pastUri: () => (/* reexport */ pastUri),
  pointLsn: () => (/* reexport */ pointLsn),
  xB: () => (/* reexport */ readQuery),
  aK: () => (/* reexport */ readRows),
  Yr: () => (/* reexport */ readTableShape),
  k_: () => (/* reexport */ runCheck),
  OJ: () => (/* reexport */ schemaExists),
  IX: () => (/* reexport */ streamRows),
  SV: () => (/* reexport */ withClient)
});

// UNUSED EXPORTS: ConnectError, timeTravelUri

// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(3849);
// EXTERNAL MODULE: ./src/lsn.ts
var src_lsn = __webpack_require__(2326);
;// CONCATENATED MODULE: ./src/postgres/time-travel.ts
/**
 * Time-travel URIs, and only here: how a read-only connection to a branch as it was at a past LSN or time is
 * written (no branch is made; Neon starts a read-only compute at the point), and how such a URI is read back.
 */

const POINT_OPTION = /^neon_(lsn|timestamp):(.*)$/;
const ROUTE_OPTION = /^(endpoint|project)=/;
/**
 * The URI of a read-only connection to `branchId` as it was at `point`, as neonctl builds it: the endpoint's
 * host with the endpoint id swapped for the branch id, and `options=neon_lsn:<lsn>`. Other options are kept.
 */
function timeTravelUri(endpointUri, ids, point) {
    const url = new URL(endpointUri);
    const neon = 'lsn' in point ? `neon_lsn:${point.lsn}` : `neon_timestamp:${point.timestamp}`;
    const kept = options(url).filter((token) => !POINT_OPTION.test(token) && !ROUTE_OPTION.test(token));
    if (url.hostname.includes(ids.endpointId)) {
        url.hostname = url.hostname.replace(ids.endpointId, ids.branchId);
    }
    else {
        // A host that cannot carry the id (an IP address: a proxy, the emulator) routes by the endpoint option Neon
        // documents for clients without SNI, "the first part of the domain name": here the branch id.
        kept.push(`endpoint=${ids.branchId}`);
    }
    url.searchParams.set('options', [...kept, neon].join(' '));
    return url.toString();
}
/** A read-only connection to the endpoint's branch as it was at an LSN or a time. */
function pastUri(endpoint, at) {
    const point = typeof at === 'bigint' ? { lsn: (0,src_lsn/* formatLsn */.rI)(at) } : at;
    return timeTravelUri(endpoint.uri, { endpointId: endpoint.endpointId, branchId: endpoint.branch.id }, point);
}
/** The point `uri` travels to, or undefined for a connection to the branch as it is now. */
function timeTravelPoint(uri) {
    for (const token of options(new URL(uri))) {
        const match = POINT_OPTION.exec(token);
        if (match)
            return match[1] === 'lsn' ? { lsn: match[2] } : { timestamp: match[2] };
    }
    return undefined;
}
function options(url) {
    return (url.searchParams.get('options') ?? '').split(/\s+/).filter(Boolean);
}

;// CONCATENATED MODULE: ./src/postgres/connect.ts
/**
 * The one way the action connects to Postgres: the only `new pg.Client`, one connect-timeout policy, one retry
 * policy for connections that may work when tried again, the error guard every client needs, and ConnectError,
 * which names what it tried to reach but never the password.
 */


/** A running compute, or one woken from suspend, answers well within this. */
const CONNECT_TIMEOUT_MS = 30_000;
/** Neon starts a compute for a time-travel connection when it connects: a cold start may take longer. */
const TIME_TRAVEL_CONNECT_TIMEOUT_MS = 60_000;
/** SQLSTATEs of a connection that may work when tried again: connection exceptions, shutdown, overload. */
const RETRYABLE_STATES = /^(08...|57P01|57P02|57P03|53300|53400)$/;
const RETRYABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);
/** No answer came from the database: no connection, a lost one, or a statement cancelled at its timeout. */
class ConnectionError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'ConnectionError';
    }
}
/** The connection could not be made, after `attempts` tries. `code` is the SQLSTATE or errno, when there was one. */
class ConnectError extends ConnectionError {
    destination;
    attempts;
    code;
    constructor(
    /** What it tried to reach, as describeDestination writes it. */
    destination, cause, attempts) {
        const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
        super(`could not connect to ${destination}${tries}: ${cause.message}`, { cause });
        this.destination = destination;
        this.attempts = attempts;
        this.name = 'ConnectError';
        this.code = cause.code;
    }
}
/** Whether an error's SQLSTATE or errno says the same connection may work when tried again. */
function mayPass(code) {
    return code !== undefined && (RETRYABLE_STATES.test(code) || RETRYABLE_CODES.has(code));
}
/** The connect timeout: longer for a time-travel URI, whose compute may be starting for this very connection. */
function connectTimeoutMs(uri) {
    return timeTravelPoint(uri) ? TIME_TRAVEL_CONNECT_TIMEOUT_MS : CONNECT_TIMEOUT_MS;
}
/** `role@host:port/database`, and the point of a time-travel URI: what a connection reaches, with no password. */
function describeDestination(uri) {
    const url = new URL(uri);
    const point = timeTravelPoint(uri);
    const at = point === undefined ? '' : ` at ${'lsn' in point ? `LSN ${point.lsn}` : point.timestamp}`;
    return `${decodeURIComponent(url.username)}@${url.host}${decodeURIComponent(url.pathname)}${at}`;
}
/** A connected client. Throws ConnectError once the tries are used up or the failure will not pass. */
async function connect(uri, options = {}) {
    const attempts = options.attempts ?? 4;
    for (let attempt = 1;; attempt++) {
        const client = new esm/* default.Client */.Ay.Client({ connectionString: uri, connectionTimeoutMillis: connectTimeoutMs(uri) });
        // A connection dropped while idle must not crash the process; the query in flight reports it.
        client.on('error', () => undefined);
        try {
            await client.connect();
            return client;
        }
        catch (error) {
            await client.end().catch(() => undefined);
            const failure = error;
            if (!mayPass(failure.code) || attempt >= attempts)
                throw new ConnectError(describeDestination(uri), failure, attempt);
            await new Promise((resolve) => setTimeout(resolve, (options.retryDelayMs ?? 250) * 2 ** (attempt - 1)));
        }
    }
}
/** Runs `work` on a new connection and closes it, whatever `work` did. */
async function withClient(uri, work, options) {
    const client = await connect(uri, options);
    try {
        return await work(client);
    }
    finally {
        await client.end().catch(() => undefined);
    }
}

// EXTERNAL MODULE: ./node_modules/pg-cursor/esm/index.mjs
var pg_cursor_esm = __webpack_require__(5522);
;// CONCATENATED MODULE: ./src/postgres/wal.ts
/**
 * LSNs read from Postgres, and only here: the head of a branch, the LSN a time-travel compute replayed to, and
 * the LSN of a point (src/point.ts), aligned as Neon aligns a branch point.
 */



/**
 * The head of the branch behind `uri` (its read-write endpoint): the WAL flush position. Every commit the caller
 * has seen acknowledged ends at or before it (a synchronous commit returns once its record is flushed), so a
 * time-travel read there sees all of them; and no WAL past it is asked for, which the compute has not yet sent to
 * Neon's storage (pg_current_wal_lsn, the write position, may be ahead). The emulator's head is this LSN too.
 */
async function headLsn(uri) {
    return withClient(uri, async (client) => {
        const { rows } = await client.query('SELECT pg_current_wal_flush_lsn()::text AS lsn');
        return (0,src_lsn/* parseLsn */.l2)(rows[0].lsn);
    });
}
/** The LSN a time-travel compute replayed to; undefined when it reports NULL, as a Neon compute may. */
async function replayLsn(client) {
    const { rows } = await client.query('SELECT pg_last_wal_replay_lsn()::text AS lsn');
    return rows[0]?.lsn ? (0,src_lsn/* parseLsn */.l2)(rows[0].lsn) : undefined;
}
async function pointLsn(endpoint, point) {
    switch (point.kind) {
        case 'lsn':
            return (0,src_lsn/* alignUp */.DQ)((0,src_lsn/* parseLsn */.l2)(point.lsn));
        case 'head':
            return (0,src_lsn/* alignUp */.DQ)(await headLsn(endpoint.uri));
        case 'timestamp': {
            const lsn = await withClient(pastUri(endpoint, { timestamp: point.timestamp }), replayLsn);
            return lsn === undefined ? undefined : (0,src_lsn/* alignUp */.DQ)(lsn);
        }
    }
}

;// CONCATENATED MODULE: ./src/postgres/read-only.ts
/**
 * Reads that cannot change anything, and how they are made so: a READ ONLY transaction with a statement timeout
 * (and a lock timeout where asked). The action's own catalog reads (readRows) and a user's statement read through
 * a cursor (readQuery), so a huge result is cut without being fetched. Checks (./check.ts) begin here too.
 */



/** The statement itself failed in the database; `code` is its SQLSTATE, when the server sent one. */
class StatementError extends Error {
    code;
    constructor(cause) {
        super(cause.message, { cause });
        this.name = 'StatementError';
        this.code = cause.code;
    }
}
/**
 * Opens a READ ONLY transaction whose statements stop at `timeoutMs` and, when `lockTimeoutMs` is given, wait at
 * most that long (and never longer than `timeoutMs`) for a lock.
 */
async function beginReadOnly(client, limits) {
    await client.query('BEGIN TRANSACTION READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(limits.timeoutMs))}`);
    if (limits.lockTimeoutMs === undefined)
        return;
    const lockTimeoutMs = Math.min(limits.lockTimeoutMs, limits.timeoutMs);
    await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(lockTimeoutMs))}`);
}
/** Runs read-only SQL with parameters (for the action's own catalog queries) and returns the rows. */
async function readRows(uri, sql, params = [], timeoutMs = 30_000) {
    return withClient(uri, async (client) => {
        await beginReadOnly(client, { timeoutMs, lockTimeoutMs: Math.min(timeoutMs, 5000) });
        const { rows } = await client.query(sql, params);
        await client.query('ROLLBACK');
        return rows;
    });
}
/**
 * Runs one statement (the extended protocol refuses a second) in a read-only transaction and reads at most
 * `maxRows` of its rows. Throws StatementError when the statement fails (its SQLSTATE says why).
 */
async function readQuery(uri, sql, limits) {
    return withClient(uri, async (client) => {
        await beginReadOnly(client, { timeoutMs: limits.timeoutMs });
        const cursor = client.query(new pg_cursor_esm/* default */.A(sql));
        let read;
        try {
            read = await new Promise((resolve, reject) => 
            // The callback form also hands over the result, whose fields name the columns (even with no rows).
            cursor.read(limits.maxRows + 1, (error, rows, result) => error ? reject(error) : resolve({ rows, columns: result.fields.map((field) => field.name) })));
        }
        catch (error) {
            throw new StatementError(error);
        }
        finally {
            await cursor.close().catch(() => undefined);
        }
        await client.query('ROLLBACK').catch(() => undefined);
        const { rows, columns } = read;
        return {
            columns,
            rows: rows.slice(0, limits.maxRows),
            truncated: rows.length > limits.maxRows,
            replayLsn: await replayLsn(client)
        };
    });
}

;// CONCATENATED MODULE: ./src/postgres/check.ts


/** Bool's type OID in pg_type. */
const BOOL_OID = 16;
/** The check returned something other than one row with one boolean: no verdict can be read from it. */
class NotBooleanError extends Error {
    constructor(message) {
        super(message);
        this.name = 'NotBooleanError';
    }
}
/** The check ran longer than its timeout and was cancelled: no verdict (a ConnectionError, as no answer came). */
class CheckTimeoutError extends ConnectionError {
    constructor(timeoutMs) {
        super(`the check ran longer than check-timeout (${timeoutMs} ms) and was cancelled`);
        this.name = 'CheckTimeoutError';
    }
}
/** The connection broke while the check ran; a new one may answer. */
class ConnectionLostError extends ConnectionError {
    constructor(cause) {
        super(`the connection failed during the check: ${cause.message}`, { cause });
        this.name = 'ConnectionLostError';
    }
}
/**
 * The check waited longer than `lockTimeoutMs` for a lock. At a time-travel point this means a transaction that
 * had not committed there holds the lock (a replayed DDL, say), and nothing will release it.
 */
class LockTimeoutError extends Error {
    constructor(message) {
        super(message);
        this.name = 'LockTimeoutError';
    }
}
/**
 * Runs `sql` once and reads one boolean from it; `ms` counts from the first try to connect. Throws
 * NotBooleanError, LockTimeoutError or a ConnectionError (ConnectError, CheckTimeoutError, or the connection
 * lost on every try); SQL errors are returned.
 */
async function runCheck(uri, sql, options) {
    const attempts = options.attempts ?? 4;
    for (let attempt = 1;; attempt++) {
        const started = Date.now();
        try {
            return await withClient(uri, (client) => checkOn(client, sql, options, started), {
                attempts,
                retryDelayMs: options.retryDelayMs
            });
        }
        catch (error) {
            if (!(error instanceof ConnectionLostError) || attempt >= attempts)
                throw error;
        }
    }
}
async function checkOn(client, sql, options, started) {
    const lockTimeoutMs = Math.min(options.lockTimeoutMs ?? options.timeoutMs, options.timeoutMs);
    await beginReadOnly(client, { timeoutMs: options.timeoutMs, lockTimeoutMs });
    let result;
    try {
        result = await client.query({ text: sql, queryMode: 'extended' });
    }
    catch (error) {
        const { code = '', message } = error;
        if (code === '55P03')
            throw new LockTimeoutError(`the check waited more than ${lockTimeoutMs} ms for a lock`);
        if (code === '57014')
            throw new CheckTimeoutError(options.timeoutMs);
        if (!code || mayPass(code))
            throw new ConnectionLostError(error);
        return { kind: 'sql-error', code, message, ms: Date.now() - started };
    }
    return { kind: 'value', healthy: readBoolean(result), ms: Date.now() - started };
}
function readBoolean(result) {
    const columns = result.fields.map((field) => `${field.name} (${typeName(field.dataTypeID)})`);
    if (result.fields.length !== 1 || result.fields[0].dataTypeID !== BOOL_OID) {
        throw new NotBooleanError(`the check must return one boolean column, but it returned ${columns.length} column${columns.length === 1 ? '' : 's'}` +
            `${columns.length ? `: ${columns.join(', ')}` : ''} (write it like SELECT count(*) > 1 FROM users)`);
    }
    if (result.rows.length !== 1) {
        throw new NotBooleanError(`the check must return exactly one row, but it returned ${result.rows.length} (aggregate it, e.g. SELECT bool_and(...) FROM ...)`);
    }
    const value = Object.values(result.rows[0])[0];
    if (typeof value !== 'boolean') {
        throw new NotBooleanError('the check returned NULL, not a boolean (wrap it, e.g. SELECT coalesce(..., false))');
    }
    return value;
}
const TYPE_NAMES = { 16: 'boolean', 20: 'bigint', 21: 'smallint', 23: 'integer', 25: 'text' };
function typeName(oid) {
    return TYPE_NAMES[oid] ?? `type oid ${oid}`;
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./node_modules/pg-copy-streams/index.js
var pg_copy_streams = __webpack_require__(6901);
// EXTERNAL MODULE: ./src/recovery-sql.ts
var recovery_sql = __webpack_require__(7165);
;// CONCATENATED MODULE: ./src/postgres/copy.ts
/**
 * COPY piping, and only here: rows streamed from one connection's COPY TO STDOUT into another's COPY FROM STDIN,
 * so no more than a few buffers of rows are in memory at once, however large the table.
 */




/**
 * Streams the rows of `select` on `source` into `columns` of the quoted table `into` on `sink`. Returns the row
 * counts both sides reported.
 */
async function copyRows(source, sink, select, into, columns) {
    const out = source.query((0,pg_copy_streams.to)((0,recovery_sql/* copyOutSql */.K8)(select)));
    const copyIn = sink.query((0,pg_copy_streams/* from */.H)((0,recovery_sql/* copyInSql */.$3)(into, columns)));
    await (0,promises_.pipeline)(out, copyIn);
    return { read: out.rowCount, written: copyIn.rowCount };
}
function copyWriter(sink, sql) {
    const stream = sink.query((0,pg_copy_streams/* from */.H)(sql));
    // Listened to at once, so a failure of the COPY rejects end() (or the next write) instead of crashing.
    const done = (0,promises_.finished)(stream);
    done.catch(() => undefined);
    return {
        async write(line) {
            if (!stream.write(line))
                await Promise.race([(0,external_node_events_.once)(stream, 'drain'), done]);
        },
        async end() {
            stream.end();
            await done;
            return stream.rowCount;
        }
    };
}

;// CONCATENATED MODULE: ./src/postgres/row-stream.ts
/**
 * Ordered streaming reads, and only here: a SELECT read through a cursor a batch at a time, so a table of any size
 * passes through in flat memory, and the session settings that make every value's text the same at both points.
 */

/** Rows fetched at a time: large enough that round trips do not dominate, small enough to stay flat. */
const BATCH_ROWS = 2000;
/**
 * Text forms that read back as the same value and do not depend on the role's settings: ISO dates, plain
 * intervals, floats with every digit. Set in the same transaction as the reads (SET LOCAL).
 */
async function canonicalText(client) {
    await client.query("SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; SET LOCAL extra_float_digits = 3");
}
/** The rows of `sql` (every column as text) as arrays, in the order the query gives them. */
async function* streamRows(client, sql) {
    const cursor = client.query(new pg_cursor_esm/* default */.A(sql, [], { rowMode: 'array' }));
    try {
        for (;;) {
            const rows = await cursor.read(BATCH_ROWS);
            if (rows.length === 0)
                return;
            yield* rows;
        }
    }
    finally {
        await cursor.close().catch(() => undefined);
    }
}

;// CONCATENATED MODULE: ./src/postgres/tables.ts

/** The shape of the table `text` names (resolved as PostgreSQL resolves it, search_path included), or undefined. */
async function readTableShape(client, text) {
    const found = await client.query(`SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS kind
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.oid = pg_catalog.to_regclass($1)`, [text]);
    if (found.rows.length === 0)
        return undefined;
    const { oid, schema, name, kind } = found.rows[0];
    if (kind !== 'r' && kind !== 'p') {
        throw new Error(`${(0,recovery_sql/* displayName */.QC)({ schema, name })} is not a table (relkind ${kind}); recover copies tables`);
    }
    // Qualify every type and expression by reading them with only pg_catalog on the search path.
    await client.query(`SET search_path = pg_catalog`);
    try {
        const columns = await client.query(`SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
              pg_get_expr(d.adbin, d.adrelid) AS default, a.attgenerated <> '' AS generated,
              a.attidentity::text AS identity
         FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum`, [oid]);
        const key = await client.query(`SELECT pg_get_constraintdef(con.oid) AS definition,
              array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                     ORDER BY k.ord) AS columns
         FROM pg_constraint con
        WHERE con.conrelid = $1 AND con.contype = 'p'`, [oid]);
        return {
            schema,
            name,
            kind: kind,
            columns: columns.rows.map((column) => ({ ...column, default: column.default ?? undefined })),
            primaryKey: key.rows[0]
        };
    }
    finally {
        // After a failed query the error above is what matters; a failed reset would only hide it.
        await client.query('RESET search_path').catch(() => undefined);
    }
}
async function schemaExists(client, schema) {
    const result = await client.query('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [schema]);
    return result.rows.length > 0;
}
/**
 * Parses `select` on the server with the extended protocol, which refuses a second statement, without running
 * it: the check that `where` is one condition and names only what exists at the point.
 */
async function checkSelect(client, select) {
    await client.query({ text: `${select} LIMIT 0`, queryMode: 'extended' });
}

;// CONCATENATED MODULE: ./src/postgres/index.ts
/**
 * Postgres access: the action reaches Postgres only through this module, never through `pg` itself.
 * connect.ts: the one way to connect (timeouts, retries, the error guard, ConnectError);
 * time-travel.ts: URIs of a branch's past; wal.ts: head, replay and point LSNs;
 * read-only.ts: reads that cannot write; check.ts: checks and their verdicts;
 * copy.ts: COPY between two connections; tables.ts: what recover reads about tables;
 * row-stream.ts: ordered reads a batch at a time.
 */










/***/ }),

/***/ 7165:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $3: () => (/* binding */ copyInSql),
/* harmony export */   Af: () => (/* binding */ parseIdentifierText),
/* harmony export */   K8: () => (/* binding */ copyOutSql),
/* harmony export */   O9: () => (/* binding */ defaultSchemaName),
/* harmony export */   OL: () => (/* binding */ qualifiedName),
/* harmony export */   QC: () => (/* binding */ displayName),
/* harmony export */   ZZ: () => (/* binding */ selectSql),
/* harmony export */   dr: () => (/* binding */ UNDO_KEY_LIMIT),
/* harmony export */   pv: () => (/* binding */ undoMergeSql),
/* harmony export */   pw: () => (/* binding */ createTableSql),
/* harmony export */   ti: () => (/* binding */ mergeSql),
/* harmony export */   v4: () => (/* binding */ quoteIdent)
/* harmony export */ });
/**
 * The SQL text of `recover`, built from table shapes (read by src/postgres/tables.ts) with every identifier
 * quoted: the DDL of a copy, the SELECT and COPY statements, the merge and its undo. Pure: no connection here.
 */
/** A PostgreSQL identifier in double quotes, inner quotes doubled. */
function quoteIdent(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
function qualifiedName(schema, name) {
    return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}
/** How a table is named in outputs and summaries: `schema.table`, unquoted. */
function displayName(table) {
    return `${table.schema}.${table.name}`;
}
/** An identifier as the user wrote it, as PostgreSQL reads it: "Quoted" kept exactly, anything else lower-cased. */
function parseIdentifierText(text) {
    return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase();
}
/** `recovered_20261124_063357`: the schema a recovery at `now` (UTC) copies into when `into` is not given. */
function defaultSchemaName(now) {
    const iso = now.toISOString();
    return `recovered_${iso.slice(0, 10).replace(/-/g, '')}_${iso.slice(11, 19).replace(/:/g, '')}`;
}
/** Defaults that take values from a sequence would tie the copy to the original's sequence (or fail without it). */
function keepsDefault(column) {
    return column.default !== undefined && !/\bnextval\s*\(/i.test(column.default);
}
/**
 * CREATE TABLE for a copy of `shape` in `schema`: same column types, NOT NULL, primary key, and the defaults
 * that do not use sequences. Identity and generated columns become plain columns holding the copied values.
 */
function createTableSql(schema, shape) {
    const lines = shape.columns.map((column) => {
        const parts = [quoteIdent(column.name), column.type];
        if (column.notNull)
            parts.push('NOT NULL');
        if (!column.generated && keepsDefault(column))
            parts.push(`DEFAULT ${column.default}`);
        return `  ${parts.join(' ')}`;
    });
    if (shape.primaryKey)
        lines.push(`  ${shape.primaryKey.definition}`);
    return `CREATE TABLE ${qualifiedName(schema, shape.name)} (\n${lines.join(',\n')}\n)`;
}
/** The rows to copy: `columns` of the table at the point, only those matching `where` when given. */
function selectSql(shape, columns, where) {
    // ONLY keeps rows of inheritance children out; a partitioned table's rows are all in its partitions.
    const only = shape.kind === 'r' ? 'ONLY ' : '';
    const list = columns.map(quoteIdent).join(', ');
    const filter = where === undefined ? '' : ` WHERE (${where})`;
    return `SELECT ${list} FROM ${only}${qualifiedName(shape.schema, shape.name)}${filter}`;
}
function copyOutSql(select) {
    return `COPY (${select}) TO STDOUT`;
}
/** COPY into `columns` of `into`, a quoted, schema-qualified table. */
function copyInSql(into, columns) {
    return `COPY ${into} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
}
/** How many keys of merged rows the summary lists in its undo statement. */
const UNDO_KEY_LIMIT = 1000;
/**
 * Inserts the staged rows that are missing from `into` (by primary key) and returns how many, with the keys of
 * the first UNDO_KEY_LIMIT as SQL row literals for an undo statement.
 */
function mergeSql(options) {
    const list = options.columns.map(quoteIdent).join(', ');
    const keys = options.keyColumns.map(quoteIdent).join(', ');
    const literal = `format('(${options.keyColumns.map(() => '%L').join(', ')})', ${options.keyColumns
        .map((column) => `k.${quoteIdent(column)}`)
        .join(', ')})`;
    const overriding = options.overridingSystemValue ? ' OVERRIDING SYSTEM VALUE' : '';
    return (`WITH inserted AS (INSERT INTO ${options.into} (${list})${overriding} ` +
        `SELECT ${list} FROM ${options.staging} ON CONFLICT (${keys}) DO NOTHING RETURNING ${keys}) ` +
        `SELECT (SELECT count(*) FROM inserted)::bigint::text AS count, ` +
        `(SELECT string_agg(${literal}, ', ') FROM (SELECT * FROM inserted LIMIT ${UNDO_KEY_LIMIT}) k) AS keys`);
}
/** The statement that removes merged rows again, from the keys mergeSql returned. */
function undoMergeSql(into, keyColumns, keys) {
    return `DELETE FROM ${into} WHERE (${keyColumns.map(quoteIdent).join(', ')}) IN (${keys});`;
}


/***/ })

};
