export const id = 348;
export const ids = [348];
export const modules = {

/***/ 8542:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cu: () => (/* binding */ SAMPLE_KEYS),
/* harmony export */   VD: () => (/* binding */ diffRows),
/* harmony export */   tQ: () => (/* binding */ counts)
/* harmony export */ });
/* unused harmony exports compareKeys, compareText, keyText */
/**
 * What changed in one table between two points, as a merge-join of two row streams that Postgres ordered the same
 * way: rows deleted, inserted and updated, with counts, the first keys of each kind and the columns that updated
 * rows changed. Memory stays flat: one row of each side and the bounded samples at a time. Pure: the rows come
 * from src/postgres/row-stream.ts, the SELECTs from src/changes/compare-sql.ts.
 */
/** How many keys of each kind a diff keeps. */
const SAMPLE_KEYS = 10;
/** A sample longer than this (a whole row of a table without a primary key) is cut. */
const SAMPLE_CHARS = 120;
/** Merges `before` and `after`, both ordered by the layout's key as Postgres orders it (compareKeys). */
async function diffRows(before, after, layout, sink) {
    const diff = new DiffCounter(layout);
    const left = before[Symbol.asyncIterator]();
    const right = after[Symbol.asyncIterator]();
    let l = await left.next();
    let r = await right.next();
    while (!l.done || !r.done) {
        const order = l.done ? 1 : r.done ? -1 : compareKeys(l.value, r.value, layout);
        if (order < 0) {
            await diff.add('deleted', l.value, undefined, sink);
            l = await left.next();
        }
        else if (order > 0) {
            await diff.add('inserted', undefined, r.value, sink);
            r = await right.next();
        }
        else {
            if (!sameRow(l.value, r.value))
                await diff.add('updated', l.value, r.value, sink);
            [l, r] = await Promise.all([left.next(), right.next()]);
        }
    }
    return diff.result();
}
class DiffCounter {
    layout;
    counts = { deleted: 0, inserted: 0, updated: 0 };
    samples = { deleted: [], inserted: [], updated: [] };
    changed;
    constructor(layout) {
        this.layout = layout;
        this.changed = layout.columns.map(() => false);
    }
    async add(kind, before, after, sink) {
        this.counts[kind]++;
        if (this.samples[kind].length < SAMPLE_KEYS)
            this.samples[kind].push(keyText((before ?? after), this.layout));
        if (before && after)
            before.forEach((value, index) => (this.changed[index] ||= value !== after[index]));
        if (sink)
            await sink(kind, before, after);
    }
    result() {
        return {
            ...this.counts,
            samples: this.samples,
            changedColumns: this.layout.columns.filter((_, index) => this.changed[index])
        };
    }
}
function sameRow(a, b) {
    return a.every((value, index) => value === b[index]);
}
/** The order of two rows' keys, as Postgres orders them (NULL last, as ORDER BY … ASC puts it). */
function compareKeys(a, b, layout) {
    for (const [position, index] of layout.key.entries()) {
        const x = a[index];
        const y = b[index];
        if (x === y)
            continue;
        if (x === null)
            return 1;
        if (y === null)
            return -1;
        const order = layout.keyKinds[position] === 'integer' ? compareIntegers(x, y) : compareText(x, y);
        if (order !== 0)
            return order;
    }
    return 0;
}
function compareIntegers(a, b) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
}
/** Code point order, as the "C" collation orders UTF-8 bytes (JavaScript's `<` compares UTF-16 units instead). */
function compareText(a, b) {
    const length = Math.min(a.length, b.length);
    for (let index = 0; index < length; index++) {
        if (a.charCodeAt(index) !== b.charCodeAt(index))
            return a.codePointAt(index) - b.codePointAt(index);
    }
    return a.length - b.length;
}
/** A row's key as the summary shows it: `42`, or `(7, north)` for a key of several columns. */
function keyText(row, layout) {
    const values = layout.key.map((index) => row[index] ?? 'NULL');
    const text = values.length === 1 ? values[0] : `(${values.join(', ')})`;
    return text.length > SAMPLE_CHARS ? `${text.slice(0, SAMPLE_CHARS - 1)}…` : text;
}
/** The change counts of a diff, as output `changes` gives them per table. */
function counts(diff) {
    return { deleted: diff.deleted, inserted: diff.inserted, updated: diff.updated };
}


/***/ }),

/***/ 666:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GE: () => (/* binding */ stagingLine),
/* harmony export */   I: () => (/* binding */ stagingTableSql),
/* harmony export */   PR: () => (/* binding */ undoSql),
/* harmony export */   Rg: () => (/* binding */ stagingCopySql),
/* harmony export */   qZ: () => (/* binding */ stagingIndexSql),
/* harmony export */   uc: () => (/* binding */ conflictsSql)
/* harmony export */ });
/* unused harmony exports SIDE_COLUMN, CONFLICT_KEY_LIMIT */
/* harmony import */ var _recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7165);
/**
 * The SQL of an undo: a three-way merge of each changed row as it was at the last good point (L), at the first bad
 * point (B) and at head (H). The changed rows are staged in one temporary table (`side` 'l' holds L's version of
 * deleted and updated rows, 'b' holds B's of inserted and updated ones), then three statements run at head:
 * - restore: a deleted row comes back where no row with its key exists at head;
 * - revert: an updated row is set back to L where H still equals B;
 * - remove: an inserted row is deleted where H still equals B.
 * Rows are compared whole, as the text of every compared column (text compares every type, json included, which
 * has no equality operator). Pure: src/operations/undo.ts runs it in one transaction.
 */

/** The staging table's column that says which point a row is from ('l' or 'b'); a name no table is likely to have. */
const SIDE_COLUMN = 'nra undo side';
const SIDE = (0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(SIDE_COLUMN);
/** How many conflicting keys a table reports. */
const CONFLICT_KEY_LIMIT = 100;
function stagingTableSql(target) {
    return (`CREATE TEMPORARY TABLE ${target.staging} ON COMMIT DROP AS SELECT NULL::text AS ${SIDE}, ` +
        `${target.columns.map(_recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4).join(', ')} FROM ${target.into} WITH NO DATA`);
}
function stagingCopySql(target) {
    return `COPY ${target.staging} (${[SIDE, ...target.columns.map(_recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)].join(', ')}) FROM STDIN`;
}
/** After the COPY: an index for the joins, and statistics (autovacuum never analyzes temporary tables). */
function stagingIndexSql(target) {
    return [
        `CREATE INDEX ON ${target.staging} (${[SIDE, ...target.keyColumns.map(_recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)].join(', ')})`,
        `ANALYZE ${target.staging}`
    ];
}
/** One staged row in COPY's text format: the side, then each value (`\N` for NULL, backslash escapes). */
function stagingLine(side, row) {
    const escape = (value) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
    return [side, ...row.map((value) => (value === null ? '\\N' : escape(value)))].join('\t') + '\n';
}
const keysEqual = (a, b, keys) => `(${keys.map((key) => `${a}.${(0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(key)}`).join(', ')}) = (${keys.map((key) => `${b}.${(0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(key)}`).join(', ')})`;
const rowText = (alias, columns) => `ROW(${columns.map((column) => `${alias}.${(0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(column)}`).join(', ')})::text`;
const counted = (statement) => `WITH done AS (${statement} RETURNING 1) SELECT count(*)::int AS count FROM done`;
/** The three statements, in order; each returns `count`, the rows it changed. */
function undoSql(target) {
    const { into, staging, columns, keyColumns: keys } = target;
    const list = columns.map(_recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4).join(', ');
    const overriding = target.alwaysIdentity.some((column) => columns.includes(column)) ? ' OVERRIDING SYSTEM VALUE' : '';
    const settable = columns.filter((column) => !keys.includes(column) && !target.alwaysIdentity.includes(column));
    const onlyOn = (alias, side, other) => `${alias}.${SIDE} = '${side}' AND NOT EXISTS (SELECT FROM ${staging} o WHERE o.${SIDE} = '${other}' AND ${keysEqual('o', alias, keys)})`;
    const restore = counted(`INSERT INTO ${into} (${list})${overriding} SELECT ${columns.map((column) => `l.${(0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(column)}`).join(', ')} ` +
        `FROM ${staging} l WHERE ${onlyOn('l', 'l', 'b')} ` +
        `AND NOT EXISTS (SELECT FROM ${into} h WHERE ${keysEqual('h', 'l', keys)}) ` +
        // A row inserted at head meanwhile (by another session) is a conflict, found afterwards, not an error.
        `ON CONFLICT (${keys.map(_recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4).join(', ')}) DO NOTHING`);
    // Only key or identity ALWAYS columns: a row cannot have been updated, so there is nothing to revert.
    const revert = settable.length === 0
        ? 'SELECT 0 AS count'
        : counted(`UPDATE ${into} h SET ${settable.map((column) => `${(0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(column)} = l.${(0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(column)}`).join(', ')} ` +
            `FROM ${staging} l JOIN ${staging} b ON b.${SIDE} = 'b' AND ${keysEqual('b', 'l', keys)} ` +
            `WHERE l.${SIDE} = 'l' AND ${keysEqual('h', 'l', keys)} AND ${rowText('h', columns)} = ${rowText('b', columns)}`);
    const remove = counted(`DELETE FROM ${into} h USING ${staging} b WHERE ${onlyOn('b', 'b', 'l')} AND ${keysEqual('h', 'b', keys)} ` +
        `AND ${rowText('h', columns)} = ${rowText('b', columns)}`);
    return { restore, revert, remove };
}
/**
 * Run after the three statements: the changed keys whose row at head is not (now) as it was at L, absent counting
 * as a state too. Those are the rows changed again since, which the undo left as they are (a row someone already
 * put back by hand is not one). Returns `count` and the first CONFLICT_KEY_LIMIT keys as diff.ts's keyText writes them.
 */
function conflictsSql(target) {
    const { into, staging, columns, keyColumns: keys } = target;
    const keyList = keys.map(_recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4).join(', ');
    const first = (0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(keys[0]);
    const text = keys.length === 1
        ? `c.${first}::text`
        : `'(' || concat_ws(', ', ${keys.map((key) => `c.${(0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(key)}::text`).join(', ')}) || ')'`;
    return (`WITH changed AS (SELECT DISTINCT ${keyList} FROM ${staging}), ` +
        `conflicts AS (SELECT c.*, ${text} AS "nra key" FROM changed c ` +
        `LEFT JOIN ${staging} l ON l.${SIDE} = 'l' AND ${keysEqual('l', 'c', keys)} ` +
        `LEFT JOIN ${into} h ON ${keysEqual('h', 'c', keys)} ` +
        `WHERE (CASE WHEN h.${first} IS NULL THEN NULL ELSE ${rowText('h', columns)} END) IS DISTINCT FROM ` +
        `(CASE WHEN l.${SIDE} IS NULL THEN NULL ELSE ${rowText('l', columns)} END)) ` +
        `SELECT (SELECT count(*) FROM conflicts)::int AS count, ` +
        `ARRAY(SELECT "nra key" FROM conflicts ORDER BY ${keyList} LIMIT ${CONFLICT_KEY_LIMIT}) AS keys`);
}


/***/ }),

/***/ 9445:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OO: () => (/* binding */ chooseConnection),
/* harmony export */   Pl: () => (/* binding */ pointUri),
/* harmony export */   mQ: () => (/* binding */ connectionTo)
/* harmony export */ });
/** The database: as given, or the branch's only one. The role: as given, or the database's owner. */
function chooseConnection(databases, roles, wanted) {
    const names = (items) => items.map((item) => item.name).join(', ') || 'none';
    let database;
    if (wanted.database) {
        database = databases.find((candidate) => candidate.name === wanted.database);
        if (!database)
            throw new Error(`database: "${wanted.database}" is not on the branch (it has: ${names(databases)})`);
    }
    else if (databases.length === 1) {
        database = databases[0];
    }
    else {
        throw new Error(`database: the branch has ${databases.length} databases (${names(databases)}); set database`);
    }
    const role = wanted.role ?? database.owner_name;
    if (!roles.some((candidate) => candidate.name === role)) {
        throw new Error(`role: "${role}" is not on the branch (it has: ${names(roles)})`);
    }
    return { database: database.name, role };
}
/** Finds the endpoint, database and role, and masks the password and URI before anything can print them. */
async function connectionTo(branch, settings, gateway, context, operation) {
    const [databases, roles, endpoints] = await Promise.all([
        gateway.connections.listDatabases(branch.id),
        gateway.connections.listRoles(branch.id),
        gateway.connections.listEndpoints(branch.id)
    ]);
    const { database, role } = chooseConnection(databases, roles, settings);
    const endpoint = endpoints.find((candidate) => candidate.type === 'read_write') ?? endpoints[0];
    if (!endpoint) {
        throw new Error(`branch: ${branch.name} has no compute endpoint; add one in the Neon console so ${operation} can connect`);
    }
    const uri = await gateway.connections.getUri({ branchId: branch.id, database, role });
    // Time-travel URIs differ from this one only in host and options: masking the password covers them all.
    const password = decodeURIComponent(new URL(uri).password);
    if (password)
        context.mask(password);
    context.mask(uri);
    return { branch, endpointId: endpoint.id, database, role, uri };
}
/**
 * The time-travel connection for a point of `on` (masked), and its LSN where known before connecting: `head` is read
 * on the branch now, so the connection stays at that point while the branch moves on. A timestamp goes to Neon
 * as it is: learning its LSN first would start a time-travel compute only to ask.
 */
async function pointUri(connection, point, context, on = connection.branch) {
    // Loaded here, not on import: snapshot uses this module only to choose a database and role.
    const { pastUri, pointLsn } = await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517)]).then(__webpack_require__.bind(__webpack_require__, 9517));
    const at = point.kind === 'timestamp' ? { timestamp: point.timestamp } : await pointLsn(connection, point);
    // `on`: the branch that held the point (a backup after a restore), reached through this endpoint's host.
    const uri = pastUri({ ...connection, branch: on }, at);
    context.mask(uri);
    return { uri, lsn: typeof at === 'bigint' ? at : undefined };
}


/***/ }),

/***/ 7806:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Dz: () => (/* binding */ compareTables),
  Y8: () => (/* binding */ diffTable),
  _8: () => (/* binding */ openAt),
  St: () => (/* binding */ readChanges),
  qK: () => (/* binding */ tableText),
  fx: () => (/* binding */ tablesReadBy)
});

// EXTERNAL MODULE: ./src/recovery-sql.ts
var recovery_sql = __webpack_require__(7165);
;// CONCATENATED MODULE: ./src/changes/compare-sql.ts
/**
 * How a table is compared across two points: which columns, which key, and the SELECT that streams its rows in
 * the order src/changes/diff.ts merges them. Pure: the shapes come from src/postgres/tables.ts.
 */

/** Types whose primary key index order is the numeric order diff.ts compares by. */
const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint']);
/**
 * The columns both points have with the same type (generated ones left out: they follow from the others), keyed
 * by the primary key when both points have the same one. Undo needs that key and the same columns at both points.
 */
function comparison(before, after) {
    const types = new Map(after.columns.filter((column) => !column.generated).map((column) => [column.name, column.type]));
    const kept = before.columns.filter((column) => !column.generated && types.get(column.name) === column.type);
    const columns = kept.map((column) => column.name);
    const keyColumns = samePrimaryKey(before, after) && before.primaryKey.columns.every((name) => columns.includes(name))
        ? before.primaryKey.columns
        : undefined;
    const refusals = [];
    if (kept.length !== types.size || kept.length !== before.columns.filter((column) => !column.generated).length) {
        refusals.push('its columns differ between the two points (the change altered the table), so rows cannot be put back');
    }
    if (!keyColumns) {
        refusals.push('it has no primary key (the same at both points), so its rows are compared whole and a row changed since ' +
            'cannot be told from one the change made');
    }
    const key = keyColumns ? keyColumns.map((name) => columns.indexOf(name)) : columns.map((_, index) => index);
    const kinds = key.map((index) => {
        const type = kept[index].type;
        return keyColumns && INTEGER_TYPES.has(type) ? 'integer' : 'text';
    });
    const layout = { columns, key, keyKinds: kinds, keyed: keyColumns !== undefined };
    return { layout, undoRefusal: refusals.length > 0 ? refusals.join('; ') : undefined };
}
function samePrimaryKey(before, after) {
    const a = before.primaryKey?.columns;
    const b = after.primaryKey?.columns;
    return a !== undefined && b !== undefined && a.length === b.length && a.every((name, index) => name === b[index]);
}
/**
 * Every compared column as text, in key order: integer keys in their own order (the primary key index reads them
 * so, without a sort), anything else by its text in the "C" collation (a sort on the server, which spills to disk
 * on a large table, rather than memory here). NULLs come last, as compareKeys expects.
 */
function orderedSelectSql(shape, layout, where) {
    // Output names of their own: ORDER BY "id" would otherwise sort by the output column "id", the text.
    const list = layout.columns.map((column, index) => `${(0,recovery_sql/* quoteIdent */.v4)(column)}::text AS "nra ${index}"`).join(', ');
    const order = layout.key
        .map((index, position) => {
        const column = (0,recovery_sql/* quoteIdent */.v4)(layout.columns[index]);
        return layout.keyKinds[position] === 'integer' ? column : `${column}::text COLLATE "C"`;
    })
        .join(', ');
    // ONLY keeps rows of inheritance children out; a partitioned table's rows are all in its partitions.
    const only = shape.kind === 'r' ? 'ONLY ' : '';
    const filter = where === undefined ? '' : ` WHERE (${where})`;
    return `SELECT ${list} FROM ${only}${(0,recovery_sql/* qualifiedName */.OL)(shape.schema, shape.name)}${filter} ORDER BY ${order}`;
}

// EXTERNAL MODULE: ./src/changes/diff.ts
var diff = __webpack_require__(8542);
;// CONCATENATED MODULE: ./src/changes/relations.ts
/**
 * The tables a query reads, from its plan rather than its text: EXPLAIN (VERBOSE, FORMAT JSON) names every
 * relation a scan node reads ("Relation Name" with its "Schema", VERBOSE adding the schema), in subqueries, CTEs
 * and InitPlans too. The planner has expanded views into their base tables by then, so a check over a view names
 * the tables under it. Pure: the plan is read by src/operations/changes.ts.
 */
/** Every relation a plan scans, once each, in the order the plan names them. */
function relationsInPlan(plan) {
    const found = new Map();
    const visit = (node) => {
        if (Array.isArray(node))
            return node.forEach(visit);
        if (node === null || typeof node !== 'object')
            return;
        const record = node;
        const name = record['Relation Name'];
        const schema = record['Schema'];
        if (typeof name === 'string' && typeof schema === 'string')
            found.set(`${schema}.${name}`, { schema, name });
        Object.values(record).forEach(visit);
    };
    visit(typeof plan === 'string' ? JSON.parse(plan) : plan);
    return [...found.values()];
}

// EXTERNAL MODULE: ./src/postgres/index.ts + 9 modules
var postgres = __webpack_require__(9517);
;// CONCATENATED MODULE: ./src/operations/changes.ts
/**
 * What changed in some tables between two points of a branch, read over two read-only time-travel connections:
 * each table streamed at both points in key order and merged (src/changes/diff.ts), so memory stays flat however
 * large the table. Also which tables a check reads, from its plan (src/changes/relations.ts). bisect reports it
 * across its boundary; recover's mode: undo stages the changed rows through the same diff (./undo.ts).
 */





/** A point inside an uncommitted DDL keeps its lock for ever on a read-only compute: give up on it, do not wait. */
const LOCK_TIMEOUT_MS = 5000;
/**
 * A read-only session at a point, in one snapshot, its values in their canonical text; the caller ends it. Neon's
 * Time Travel page (https://neon.com/docs/guides/time-travel-assist) gives such a connection for running queries
 * on an ephemeral compute; it does not list which statements work there. A cursor (as operation: query reads) and
 * EXPLAIN are ordinary read-only statements; the emulator serves them from a real PostgreSQL at the point.
 */
async function openAt(uri) {
    const client = await (0,postgres/* connect */.Ng)(uri);
    try {
        await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await client.query(`SET LOCAL lock_timeout = ${LOCK_TIMEOUT_MS}`);
        await (0,postgres/* canonicalText */.A4)(client);
        return client;
    }
    catch (error) {
        await client.end().catch(() => undefined);
        throw error;
    }
}
/** Each table as both points have it; `label` names the points in the error when a table is missing at one. */
async function compareTables(before, after, tables, label, where) {
    const compared = [];
    for (const table of tables) {
        const [old, now] = [await (0,postgres/* readTableShape */.Yr)(before, table), await (0,postgres/* readTableShape */.Yr)(after, table)];
        if (!old || !now)
            throw new Error(`${table} does not exist at ${old ? label.after : label.before}`);
        const found = comparison(old, now);
        compared.push({
            table: (0,recovery_sql/* displayName */.QC)(now),
            shape: now,
            comparison: found,
            select: orderedSelectSql(now, found.layout, where)
        });
    }
    return compared;
}
/** Streams the table at both points and merges them; `sink` hears of each changed row. */
function diffTable(before, after, table, sink) {
    return (0,diff/* diffRows */.VD)((0,postgres/* streamRows */.IX)(before, table.select), (0,postgres/* streamRows */.IX)(after, table.select), table.comparison.layout, sink);
}
/** What changed in `tables` between the points `beforeUri` and `afterUri` reach. */
async function readChanges(beforeUri, afterUri, tables, label) {
    const before = await openAt(beforeUri);
    try {
        const after = await openAt(afterUri);
        try {
            const compared = await compareTables(before, after, tables, label);
            const changes = [];
            for (const table of compared)
                changes.push({ ...table, diff: await diffTable(before, after, table) });
            return changes;
        }
        finally {
            await after.end().catch(() => undefined);
        }
    }
    finally {
        await before.end().catch(() => undefined);
    }
}
/** A table as SQL (and the `tables` input) name it: `public.users`, quoting only what needs it. */
function tableText(table) {
    const part = (name) => (/^[a-z_][a-z0-9_$]*$/.test(name) ? name : (0,recovery_sql/* quoteIdent */.v4)(name));
    return `${part(table.schema)}.${part(table.name)}`;
}
/**
 * The tables (ordinary or partition leaves) that `check` reads, from its plan at the point `uri` reaches: EXPLAIN
 * plans without running it. A function that queries a table inside is opaque to the plan, so its tables are not
 * found: the `tables` input names them then.
 */
async function tablesReadBy(uri, check) {
    const client = await (0,postgres/* connect */.Ng)(uri);
    try {
        await (0,postgres/* beginReadOnly */.wx)(client, { timeoutMs: 30_000, lockTimeoutMs: LOCK_TIMEOUT_MS });
        const plan = await client.query(`EXPLAIN (VERBOSE, FORMAT JSON) ${check.trim().replace(/;+$/, '')}`);
        const relations = relationsInPlan(plan.rows[0]['QUERY PLAN']);
        const tables = await client.query(`SELECT n.nspname || '.' || c.relname AS name FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname || '.' || c.relname = ANY($1) AND c.relkind IN ('r', 'p')`, [relations.map(recovery_sql/* displayName */.QC)]);
        const kept = new Set(tables.rows.map((row) => row.name));
        return relations.filter((relation) => kept.has((0,recovery_sql/* displayName */.QC)(relation))).map(tableText);
    }
    finally {
        await client.end().catch(() => undefined);
    }
}


/***/ }),

/***/ 1345:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hv: () => (/* binding */ changesSection),
/* harmony export */   WJ: () => (/* binding */ describeUndo),
/* harmony export */   Z6: () => (/* binding */ reportUndo),
/* harmony export */   b4: () => (/* binding */ changesOutput),
/* harmony export */   h4: () => (/* binding */ undoneSection),
/* harmony export */   jJ: () => (/* binding */ conflictsOutput)
/* harmony export */ });
/* harmony import */ var _changes_diff_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8542);
/* harmony import */ var _changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(666);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7607);
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9525);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8855);
/**
 * How changes and their undo are told: output `changes` (table → counts), output `conflicts` (table → keys),
 * the "What changed" section (bisect and recover's mode: undo) and the undo's own summary and dry run.
 */





function changesOutput(tables) {
    return JSON.stringify(Object.fromEntries(tables.map(({ table, diff }) => [table, (0,_changes_diff_js__WEBPACK_IMPORTED_MODULE_3__/* .counts */ .tQ)(diff)])));
}
/** The counts, the first keys of each kind and, for updates, the columns that changed. */
function changesSection(summary, title, tables) {
    const keys = (diff, kind) => {
        const count = diff[kind];
        if (count === 0)
            return '–';
        const more = count > _changes_diff_js__WEBPACK_IMPORTED_MODULE_3__/* .SAMPLE_KEYS */ .Cu ? `, … (${count - _changes_diff_js__WEBPACK_IMPORTED_MODULE_3__/* .SAMPLE_KEYS */ .Cu} more)` : '';
        return `${diff.samples[kind].join(', ')}${more}`;
    };
    summary.heading(title, 3);
    if (tables.every(({ diff }) => diff.deleted + diff.inserted + diff.updated === 0)) {
        summary.paragraph(`No row of ${tables.map(({ table }) => table).join(', ') || 'the tables compared'} changed.`);
        return;
    }
    summary.table(['Table', 'Deleted', 'Inserted', 'Updated', 'Columns updated', 'First keys deleted', 'inserted', 'updated'], tables.map(({ table, diff }) => [
        table,
        String(diff.deleted),
        String(diff.inserted),
        String(diff.updated),
        diff.changedColumns.join(', ') || '–',
        keys(diff, 'deleted'),
        keys(diff, 'inserted'),
        keys(diff, 'updated')
    ]));
}
function conflictsOutput(result) {
    return JSON.stringify(Object.fromEntries(result.tables.map((table) => [table.table, table.conflicts.keys])));
}
/** The undo's counts a table, and the rows left as they are. */
function undoneSection(summary, plan, result) {
    summary.heading('Undone', 3).table([
        'Table',
        'Deleted rows restored',
        'Updated rows reverted',
        'Inserted rows deleted',
        'Conflicts (left as they are)'
    ], result.tables.map((table) => [
        table.table,
        String(table.restored),
        String(table.reverted),
        String(table.removed),
        table.conflicts.count === 0
            ? '0'
            : `${table.conflicts.count}: ${table.conflicts.keys.join(', ')}${table.conflicts.count > table.conflicts.keys.length ? ', …' : ''}`
    ]));
    const conflicts = result.tables.reduce((sum, table) => sum + table.conflicts.count, 0);
    if (conflicts > 0) {
        const rows = conflicts === 1 ? '1 changed row was' : `${conflicts} changed rows were`;
        summary.paragraph(`${rows} changed again after the bad change (neither as the bad change left it nor as it was before), so ` +
            'the undo left it as it is: look at them by key (output conflicts).');
    }
    for (const { table, reason } of plan.refused)
        summary.paragraph(`Not undone: ${table}: ${reason}.`);
}
function facts(plan) {
    const { settings, branch } = plan;
    return [
        ['Branch', `${branch.name} (${branch.id}), database ${plan.database} as ${plan.role}`],
        ['Good (last point before the change)', (0,_point_js__WEBPACK_IMPORTED_MODULE_2__/* .describePoint */ .yR)(settings.good)],
        ['Bad (first point after it)', (0,_point_js__WEBPACK_IMPORTED_MODULE_2__/* .describePoint */ .yR)(settings.bad)],
        ['Read on', plan.on.note && plan.on.branch.name],
        ['Tables', plan.tables.map((table) => table.table).join(', ')],
        ['Only rows where', settings.where]
    ];
}
function describeUndo(plan) {
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_4__/* .Summary */ .BD()
        .heading(`Dry run: undo of the change between good and bad on ${plan.branch.name}`)
        .paragraph(plan.on.note)
        .paragraph('Nothing was changed. This step would stage the rows that changed between good and bad, then run in one ' +
        'transaction (a row changed again since is left as it is and reported as a conflict):')
        .keyValues(facts(plan));
    if (plan.preview)
        changesSection(summary, 'What changed between good and bad (what would be undone)', plan.preview);
    const statements = plan.tables.flatMap((table) => {
        const sql = (0,_changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .undoSql */ .PR)(table.target);
        return [`-- ${table.table}`, `${sql.restore};`, `${sql.revert};`, `${sql.remove};`];
    });
    summary.code(['BEGIN;', ...statements, 'COMMIT;'].join('\n'), 'sql');
    return { outputs: plan.preview ? { changes: changesOutput(plan.preview) } : {}, summary };
}
function reportUndo(plan, result, context) {
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_4__/* .Summary */ .BD()
        .heading(`Undo of the change between good and bad on ${plan.branch.name}`)
        .paragraph(plan.on.note)
        .keyValues([...facts(plan), ['Took', (0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(result.ms)]]);
    changesSection(summary, 'What changed between good and bad', result.tables);
    undoneSection(summary, plan, result);
    context.info(`Undo on ${plan.branch.name}: conflicts ${conflictsOutput(result)}`);
    return { outputs: { changes: changesOutput(result.tables), conflicts: conflictsOutput(result) }, summary };
}


/***/ })

};
