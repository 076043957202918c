export const id = 517;
export const ids = [517];
export const modules = {

/***/ 9517:
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
  om: () => (/* reexport */ constraintExists),
  D9: () => (/* reexport */ copyRows),
  XS: () => (/* reexport */ copyWriter),
  headLsn: () => (/* reexport */ headLsn),
  eI: () => (/* reexport */ missingRoles),
  pastUri: () => (/* reexport */ pastUri),
  pointLsn: () => (/* reexport */ pointLsn),
  xB: () => (/* reexport */ readQuery),
  hC: () => (/* reexport */ readReferencingKeys),
  aK: () => (/* reexport */ readRows),
  On: () => (/* reexport */ readTableDefinition),
  Yr: () => (/* reexport */ readTableShape),
  k_: () => (/* reexport */ runCheck),
  OJ: () => (/* reexport */ schemaExists),
  IX: () => (/* reexport */ streamRows),
  $B: () => (/* reexport */ tableOid),
  XH: () => (/* reexport */ takenRelations),
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
async function copyRows(source, sink, select, into, columns, format = 'text') {
    const out = source.query((0,pg_copy_streams.to)((0,recovery_sql/* copyOutSql */.K8)(select, format)));
    const copyIn = sink.query((0,pg_copy_streams/* from */.H)((0,recovery_sql/* copyInSql */.$3)(into, columns, format)));
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

;// CONCATENATED MODULE: ./src/postgres/catalog.ts

/** The oid of the table `table` names (quoted, qualified), or undefined when there is none. */
async function tableOid(client, table) {
    const { rows } = await client.query('SELECT pg_catalog.to_regclass($1)::oid::int AS oid', [
        table
    ]);
    return rows[0].oid ?? undefined;
}
/** The definition of the table with `oid`, its partitions included. */
async function readTableDefinition(client, oid) {
    await client.query('SET search_path = pg_catalog');
    try {
        return await readTable(client, oid);
    }
    finally {
        // After a failed query its error is what matters; a failed reset would only hide it.
        await client.query('RESET search_path').catch(() => undefined);
    }
}
/**
 * The foreign keys other tables have to the table with `oid`: not the clones PostgreSQL keeps for partitions
 * (conparentid), which the parent's key makes again.
 */
async function readReferencingKeys(client, oid) {
    await client.query('SET search_path = pg_catalog');
    try {
        return await foreignKeys(client, 'con.confrelid = $1 AND con.conrelid <> $1 AND con.conparentid = 0', oid);
    }
    finally {
        await client.query('RESET search_path').catch(() => undefined);
    }
}
/** Which of `names` (schema, name) a relation already has: a table, index, sequence or view. */
async function takenRelations(client, names) {
    const { rows } = await client.query(`SELECT n.nspname AS schema, c.relname AS name
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))
      ORDER BY 1, 2`, [names.map((name) => name.schema), names.map((name) => name.name)]);
    return rows;
}
/** Which of `roles` do not exist. */
async function missingRoles(client, roles) {
    const { rows } = await client.query(`SELECT r.role FROM unnest($1::text[]) r(role)
      WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r.role) ORDER BY 1`, [roles]);
    return rows.map((row) => row.role);
}
/** Whether the table `table` names (quoted, qualified) has a constraint `name`. */
async function constraintExists(client, table, name) {
    const { rows } = await client.query('SELECT FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass($1) AND conname = $2', [table, name]);
    return rows.length > 0;
}
async function readTable(client, oid) {
    const { rows } = await client.query(`SELECT n.nspname AS schema, c.relname AS name, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS printed,
            c.relkind::text AS kind, c.relpersistence = 'u' AS unlogged, pg_get_userbyid(c.relowner) AS owner,
            c.relrowsecurity AS "rowSecurity", c.relforcerowsecurity AS "forceRowSecurity", c.relacl IS NULL AS "defaultAcl",
            obj_description(c.oid, 'pg_class') AS comment, coalesce(c.reloptions, '{}') AS options,
            CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS "partitionKey",
            CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS "partitionBound",
            array(SELECT h.inhrelid::int FROM pg_inherits h JOIN pg_class p ON p.oid = h.inhrelid
                   WHERE h.inhparent = c.oid ORDER BY p.relname) AS partitions
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = $1`, [oid]);
    const { defaultAcl, comment, partitionKey, partitionBound, partitions, kind, ...table } = rows[0];
    const partitionDefinitions = [];
    for (const partition of partitions)
        partitionDefinitions.push(await readTable(client, partition));
    const [columns, constraints, keys, indexes, triggers, policies, grants, sequences] = [
        await readColumns(client, oid),
        await readConstraints(client, oid),
        await foreignKeys(client, 'con.conrelid = $1 AND con.conparentid = 0', oid),
        await readIndexes(client, oid),
        await readTriggers(client, oid),
        await readPolicies(client, oid),
        await readGrants(client, oid),
        await readSequences(client, oid)
    ];
    return {
        ...table,
        kind: kind,
        comment: comment ?? undefined,
        partitionKey: partitionKey ?? undefined,
        partitionBound: partitionBound ?? undefined,
        columns: columns.map(({ grants: _grants, ...column }) => column),
        columnGrants: columns.flatMap((column) => column.grants),
        constraints,
        foreignKeys: keys,
        indexes,
        triggers,
        policies,
        grants: defaultAcl ? undefined : grants,
        sequences,
        partitions: partitionDefinitions
    };
}
/** NULLs as absent fields, the shape the definition types use. */
function present(row) {
    return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null));
}
async function readColumns(client, oid) {
    const { rows } = await client.query(`SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            CASE WHEN a.attcollation <> t.typcollation
                 THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
            a.attnotnull AS "notNull", a.attidentity::text AS identity, a.attgenerated::text AS generated,
            CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default,
            CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generation,
            CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END AS storage,
            a.attislocal AS local, col_description(a.attrelid, a.attnum) AS comment,
            coalesce((SELECT json_agg(json_build_object('grantee', coalesce(r.rolname, ''), 'privilege', g.privilege_type,
                                                        'grantable', g.is_grantable, 'column', a.attname))
                        FROM aclexplode(a.attacl) g LEFT JOIN pg_roles r ON r.oid = g.grantee), '[]') AS grants
       FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_collation co ON co.oid = a.attcollation LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`, [oid]);
    return rows.map((row) => present(row));
}
/**
 * Primary, unique, check and exclusion constraints declared on this table: not those a partition takes from its
 * parent (conparentid, or an inherited CHECK), which come back with the parent's. NOT NULL is the column's
 * (PostgreSQL 18 also lists it here as contype n, and names it as it did before: <table>_<column>_not_null).
 */
async function readConstraints(client, oid) {
    const { rows } = await client.query(`SELECT con.conname AS name, con.contype::text AS type, pg_get_constraintdef(con.oid) AS definition,
            con.convalidated AS validated, obj_description(con.oid, 'pg_constraint') AS comment
       FROM pg_constraint con
      WHERE con.conrelid = $1 AND con.contype IN ('p', 'u', 'c', 'x') AND con.conparentid = 0
        AND (con.contype <> 'c' OR con.conislocal)
      ORDER BY con.contype = 'c' DESC, con.contype, con.conname`, [oid]);
    return rows.map((row) => present(row));
}
const columnNames = (relation, keys) => `array(SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = k.attnum ORDER BY k.ord)`;
async function foreignKeys(client, condition, oid) {
    const { rows } = await client.query(`SELECT con.conname AS name, json_build_object('schema', n.nspname, 'name', c.relname) AS table,
            pg_get_constraintdef(con.oid) AS definition, con.convalidated AS validated,
            ${columnNames('con.conrelid', 'con.conkey')} AS columns,
            json_build_object('schema', rn.nspname, 'name', rc.relname,
                              'printed', quote_ident(rn.nspname) || '.' || quote_ident(rc.relname)) AS "references",
            ${columnNames('con.confrelid', 'con.confkey')} AS "referencedColumns",
            coalesce((SELECT ${columnNames('pk.conrelid', 'pk.conkey')} FROM pg_constraint pk
                       WHERE pk.conrelid = con.conrelid AND pk.contype = 'p'), '{}') AS "keyColumns",
            obj_description(con.oid, 'pg_constraint') AS comment
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE con.contype = 'f' AND ${condition}
      ORDER BY n.nspname, c.relname, con.conname`, [oid]);
    return rows.map((row) => present(row));
}
/** Indexes that are not a constraint's and not a partition's share of its parent's index. */
async function readIndexes(client, oid) {
    const { rows } = await client.query(`SELECT ic.relname AS name, quote_ident(ic.relname) AS printed, pg_get_indexdef(i.indexrelid) AS definition,
            obj_description(i.indexrelid, 'pg_class') AS comment
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE i.indrelid = $1
        AND NOT EXISTS (SELECT FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                                                       AND con.contype IN ('p', 'u', 'x'))
        AND NOT EXISTS (SELECT FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
      ORDER BY ic.relname`, [oid]);
    return rows.map((row) => present(row));
}
/** The user's triggers: not the internal ones of foreign keys, nor a partition's clone of its parent's. */
async function readTriggers(client, oid) {
    const { rows } = await client.query(`SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS definition, t.tgenabled::text AS enabled,
            obj_description(t.oid, 'pg_trigger') AS comment
       FROM pg_trigger t WHERE t.tgrelid = $1 AND NOT t.tgisinternal AND t.tgparentid = 0 ORDER BY t.tgname`, [oid]);
    return rows.map((row) => present(row));
}
async function readPolicies(client, oid) {
    const { rows } = await client.query(`SELECT p.polname AS name, p.polpermissive AS permissive, p.polcmd::text AS command,
            array(SELECT CASE WHEN r.role = 0 THEN 'public' ELSE pg_get_userbyid(r.role)::text END
                    FROM unnest(p.polroles) WITH ORDINALITY r(role, ord) ORDER BY r.ord) AS roles,
            pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS check,
            obj_description(p.oid, 'pg_policy') AS comment
       FROM pg_policy p WHERE p.polrelid = $1 ORDER BY p.polname`, [oid]);
    return rows.map((row) => present(row));
}
async function readGrants(client, oid) {
    const { rows } = await client.query(`SELECT coalesce(r.rolname, '') AS grantee, g.privilege_type AS privilege, g.is_grantable AS grantable
       FROM pg_class c, aclexplode(c.relacl) g LEFT JOIN pg_roles r ON r.oid = g.grantee
      WHERE c.oid = $1 ORDER BY g.grantee = c.relowner DESC, r.rolname, g.privilege_type`, [oid]);
    return rows;
}
/** The sequences the table owns (pg_depend: 'a' for a serial's OWNED BY, 'i' for an identity column's). */
async function readSequences(client, oid) {
    const { rows } = await client.query(`SELECT s.oid::int AS oid, n.nspname AS schema, s.relname AS name, a.attname AS column, d.deptype = 'i' AS identity,
            format_type(q.seqtypid, NULL) AS type, q.seqstart::text AS start, q.seqincrement::text AS increment,
            q.seqmin::text AS min, q.seqmax::text AS max, q.seqcache::text AS cache, q.seqcycle AS cycle,
            quote_literal(s.oid::regclass::text) AS literal
       FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_namespace n ON n.oid = s.relnamespace JOIN pg_sequence q ON q.seqrelid = s.oid
       JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.refobjid = $1
        AND d.deptype IN ('a', 'i')
      ORDER BY s.relname`, [oid]);
    const sequences = [];
    for (const { oid: sequence, ...row } of rows) {
        const position = await client.query(`SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${(0,recovery_sql/* qualifiedName */.OL)(row.schema, row.name)}`);
        const acl = await client.query('SELECT relacl IS NULL AS "defaultAcl" FROM pg_class WHERE oid = $1', [sequence]);
        const grants = acl.rows[0].defaultAcl ? undefined : await readGrants(client, sequence);
        sequences.push({ ...row, ...position.rows[0], grants });
    }
    return sequences;
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
              a.attgenerated <> '' AS generated, a.attidentity::text AS identity,
              -- A built-in type (and element type) with binary send and receive functions: see binaryCopyable.
              (t.typnamespace = 'pg_catalog'::regnamespace AND t.typsend <> 0 AND t.typreceive <> 0
                AND (e.oid IS NULL OR (e.typnamespace = 'pg_catalog'::regnamespace AND e.typsend <> 0
                                       AND e.typreceive <> 0))) AS "builtinBinary"
         FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type e ON e.oid = t.typelem
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
            columns: columns.rows,
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
 * catalog.ts: a table's full definition for its DDL, and the head's names and roles it needs.
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
/* harmony export */   Vo: () => (/* binding */ binaryCopyable),
/* harmony export */   ZZ: () => (/* binding */ selectSql),
/* harmony export */   dr: () => (/* binding */ UNDO_KEY_LIMIT),
/* harmony export */   pv: () => (/* binding */ undoMergeSql),
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
/** The rows to copy: `columns` of the table at the point, only those matching `where` when given. */
function selectSql(shape, columns, where) {
    // ONLY keeps rows of inheritance children out; a partitioned table's rows are all in its partitions.
    const only = shape.kind === 'r' ? 'ONLY ' : '';
    const list = columns.map(quoteIdent).join(', ');
    const filter = where === undefined ? '' : ` WHERE (${where})`;
    return `SELECT ${list} FROM ${only}${qualifiedName(shape.schema, shape.name)}${filter}`;
}
/**
 * Whether the rows of `columns` can travel from `from` (the table at the point) to `to` (the table they go into)
 * in COPY's binary format, which skips printing and parsing every value as text: at 1M rows that halves the COPY
 * into recover's staging table (bench/RESULTS-recover.md). Binary data is type specific ("it will not work to
 * output binary data from a smallint column and read it into an integer column", PostgreSQL's COPY page) and
 * carries type OIDs inside arrays, so it is used only when every column has the same built-in type on both
 * sides, both sides being one Neon project and so one server version. Anything else goes as text, which converts.
 */
function binaryCopyable(columns, from, to) {
    return columns.every((name) => {
        const past = from.find((column) => column.name === name);
        const into = to.find((column) => column.name === name);
        return past !== undefined && into !== undefined && past.builtinBinary && past.type === into.type;
    });
}
function copyOptions(format) {
    return format === 'binary' ? ' (FORMAT binary)' : '';
}
function copyOutSql(select, format = 'text') {
    return `COPY (${select}) TO STDOUT${copyOptions(format)}`;
}
/** COPY into `columns` of `into`, a quoted, schema-qualified table. */
function copyInSql(into, columns, format = 'text') {
    return `COPY ${into} (${columns.map(quoteIdent).join(', ')}) FROM STDIN${copyOptions(format)}`;
}
/** How many keys of merged rows the summary lists in its undo statement. */
const UNDO_KEY_LIMIT = 1000;
/**
 * Inserts the staged rows that are missing from `into` (by primary key) and returns how many, with the keys of
 * the first UNDO_KEY_LIMIT as SQL row literals for an undo statement. The NOT EXISTS leaves out the rows already
 * there when the statement starts. Without `skipConflicts` the INSERT is plain: 1.5-2 times as fast as ON CONFLICT
 * (whose speculative insertion costs per row; bench/RESULTS-recover.md), and it fails with a unique violation when
 * a concurrent writer commits one of the keys meanwhile. With it, ON CONFLICT DO NOTHING skips such a row instead.
 */
function mergeSql(options) {
    const list = options.columns.map(quoteIdent).join(', ');
    const keys = options.keyColumns.map(quoteIdent).join(', ');
    const sameKey = options.keyColumns.map((column) => `t.${quoteIdent(column)} = s.${quoteIdent(column)}`).join(' AND ');
    const literal = `format('(${options.keyColumns.map(() => '%L').join(', ')})', ${options.keyColumns
        .map((column) => `k.${quoteIdent(column)}`)
        .join(', ')})`;
    const overriding = options.overridingSystemValue ? ' OVERRIDING SYSTEM VALUE' : '';
    const onConflict = options.skipConflicts ? ` ON CONFLICT (${keys}) DO NOTHING` : '';
    return (`WITH inserted AS (INSERT INTO ${options.into} (${list})${overriding} ` +
        `SELECT ${list} FROM ${options.staging} s WHERE NOT EXISTS (SELECT FROM ${options.into} t WHERE ${sameKey})` +
        `${onConflict} RETURNING ${keys}) ` +
        `SELECT (SELECT count(*) FROM inserted)::bigint::text AS count, ` +
        `(SELECT string_agg(${literal}, ', ') FROM (SELECT * FROM inserted LIMIT ${UNDO_KEY_LIMIT}) k) AS keys`);
}
/** The statement that removes merged rows again, from the keys mergeSql returned. */
function undoMergeSql(into, keyColumns, keys) {
    return `DELETE FROM ${into} WHERE (${keyColumns.map(quoteIdent).join(', ')}) IN (${keys});`;
}


/***/ })

};
