export const id = 964;
export const ids = [964,284];
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

/***/ 1964:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  describe: () => (/* reexport */ describe),
  execute: () => (/* reexport */ execute),
  makesThrowaways: () => (/* binding */ makesThrowaways),
  plan: () => (/* reexport */ plan),
  report: () => (/* reexport */ report),
  schemaDiff: () => (/* reexport */ schemaDiff)
});

// EXTERNAL MODULE: ./src/lsn.ts
var src_lsn = __webpack_require__(2326);
// EXTERNAL MODULE: ./src/point.ts
var src_point = __webpack_require__(9525);
// EXTERNAL MODULE: ./src/postgres/index.ts + 9 modules
var postgres = __webpack_require__(9517);
// EXTERNAL MODULE: ./src/operations/changes.ts + 2 modules
var changes = __webpack_require__(7806);
;// CONCATENATED MODULE: ./src/search.ts
/**
 * The k-ary boundary search behind bisect, without I/O. Between an LSN where the check passes (`good`) and one
 * where it fails (`bad`), it finds the two adjacent 8-byte-aligned LSNs where the verdict flips. Each round
 * probes up to k LSNs splitting the interval into k + 1 nearly equal parts, so a range of n aligned steps takes
 * ceil(log_(k+1)(n)) rounds. The caller runs the probes (possibly k at once) and reports the verdicts back.
 */

class BoundarySearch {
    good;
    bad;
    pending;
    flipFlop = false;
    rounds = 0;
    /** Both bounds must be 8-byte aligned with good < bad. */
    constructor(good, bad) {
        if (good % src_lsn/* LSN_ALIGNMENT */.Wq !== 0n || bad % src_lsn/* LSN_ALIGNMENT */.Wq !== 0n) {
            throw new RangeError(`bounds must be 8-byte aligned (got ${good} and ${bad})`);
        }
        if (good >= bad)
            throw new RangeError(`good (${good}) must be before bad (${bad})`);
        this.good = good;
        this.bad = bad;
    }
    get done() {
        return this.bad - this.good === src_lsn/* LSN_ALIGNMENT */.Wq;
    }
    /** The current interval: healthy at `good`, broken at `bad`. */
    get interval() {
        return { good: this.good, bad: this.bad };
    }
    /**
     * The LSNs of the next round for `k` probes: k points strictly inside the interval splitting it into k + 1
     * parts of at most ceil(n / (k + 1)) steps (fewer points when the interval has fewer inside). Empty when done.
     */
    nextRound(k) {
        if (!Number.isInteger(k) || k < 1)
            throw new RangeError(`k must be a positive integer (got ${k})`);
        if (this.pending)
            throw new Error('the previous round has not been reported yet');
        if (this.done)
            return [];
        const steps = (this.bad - this.good) / src_lsn/* LSN_ALIGNMENT */.Wq;
        const parts = BigInt(k) + 1n;
        const lsns = [];
        for (let index = 1n; index < parts; index++) {
            const offset = (index * steps) / parts;
            const lsn = this.good + offset * src_lsn/* LSN_ALIGNMENT */.Wq;
            if (offset > 0n && offset < steps && lsn !== lsns[lsns.length - 1])
                lsns.push(lsn);
        }
        this.pending = lsns;
        return [...lsns];
    }
    /** The verdicts of the round from `nextRound`, in the same order: true = healthy. */
    report(healthy) {
        const lsns = this.pending;
        if (!lsns)
            throw new Error('no round to report: call nextRound first');
        if (healthy.length !== lsns.length) {
            throw new Error(`expected ${lsns.length} verdicts, got ${healthy.length}`);
        }
        this.pending = undefined;
        this.rounds++;
        const firstBroken = healthy.indexOf(false);
        if (firstBroken === -1) {
            this.good = lsns[lsns.length - 1];
            return;
        }
        if (healthy.slice(firstBroken).includes(true))
            this.flipFlop = true;
        this.bad = lsns[firstBroken];
        if (firstBroken > 0)
            this.good = lsns[firstBroken - 1];
    }
    result() {
        if (!this.done)
            throw new Error('the search has not finished');
        return { lastGood: this.good, firstBad: this.bad, nonMonotonic: this.flipFlop };
    }
}
/** The most rounds a search of [good, bad] takes with k probes a round: ceil(log_(k+1)((bad - good) / 8)). */
function maxRounds(good, bad, k) {
    const steps = (bad - good) / src_lsn/* LSN_ALIGNMENT */.Wq;
    const parts = BigInt(k) + 1n;
    let rounds = 0;
    for (let covered = 1n; covered < steps; covered *= parts)
        rounds++;
    return rounds;
}

// EXTERNAL MODULE: ./src/operations/common.ts
var operations_common = __webpack_require__(9425);
// EXTERNAL MODULE: ./src/operations/restore.ts
var restore = __webpack_require__(9284);
// EXTERNAL MODULE: ./src/operations/branch-connection.ts
var branch_connection = __webpack_require__(9445);
// EXTERNAL MODULE: ./src/operations/lineage.ts
var lineage = __webpack_require__(555);
;// CONCATENATED MODULE: ./src/operations/bisect/plan.ts









async function plan(settings, gateway, context) {
    const branch = await (0,operations_common/* resolveBranch */.pd)(gateway, settings.branch);
    const located = await (0,lineage/* locateBounds */.uV)(gateway, branch, settings, settings.history);
    const connection = await (0,branch_connection/* connectionTo */.mQ)(branch, settings, gateway, context, 'bisect');
    const timeline = { ...connection, branch: located.good.branch };
    const [good, bad] = await Promise.all(['good', 'bad'].map((name) => readBound(name, settings[name], timeline)));
    if (good.lsn !== undefined && bad.lsn !== undefined)
        checkOrder(good, bad);
    const note = located.good.note && `${located.good.note}; bisect searches ${timeline.branch.name}`;
    const result = {
        settings,
        connection,
        timeline,
        note,
        good,
        bad,
        ...(await tablesToCompare(settings, timeline, good))
    };
    if (settings.then === 'recover')
        checkUndo(result);
    if (settings.then === 'branch') {
        result.recoveryName = (0,operations_common/* nameFor */.Fe)(settings.name, branch, 'bisect', context);
        if (await gateway.branches.findByName(result.recoveryName)) {
            throw new Error(`name: a branch named "${result.recoveryName}" already exists; choose a name template that makes a new name`);
        }
    }
    if (settings.then === 'restore') {
        result.restoreSettings = {
            operation: 'restore',
            apiKey: settings.apiKey,
            projectIds: settings.projectIds,
            projectId: settings.projectId,
            apiHost: settings.apiHost,
            branch: branch.id,
            history: settings.history,
            dryRun: false,
            // A placeholder until the answer is known; restoreRefusal reads only the target and confirm.
            source: { kind: 'self', point: { kind: 'head' } },
            name: settings.name,
            confirm: settings.confirm
        };
        result.refusal = restore.restoreRefusal(result.restoreSettings, branch, true);
    }
    return result;
}
/** `tables`, or the tables the check reads, from its plan at good (a failure there only loses the comparison). */
async function tablesToCompare(settings, timeline, good) {
    const at = good.lsn ?? (good.point.kind === 'timestamp' ? { timestamp: good.point.timestamp } : undefined);
    if (at === undefined)
        return { tables: settings.tables ?? [] };
    const uri = (0,postgres.pastUri)(timeline, at);
    if (settings.tables) {
        await checkTablesAt(uri, settings.tables, `good (${(0,src_point/* describePoint */.yR)(good.point)})`);
        return { tables: settings.tables };
    }
    try {
        return { tables: await (0,changes/* tablesReadBy */.fx)(uri, settings.check) };
    }
    catch (error) {
        return { tables: [], tablesNote: `the tables the check reads could not be found: ${error.message}` };
    }
}
/** The tables named must be tables at good, or the comparison after the search would fail. */
async function checkTablesAt(uri, tables, label) {
    await (0,postgres/* withClient */.SV)(uri, async (client) => {
        for (const table of tables) {
            const shape = await (0,postgres/* readTableShape */.Yr)(client, table).catch((error) => {
                throw new Error(`tables: ${error.message}`);
            });
            if (!shape)
                throw new Error(`tables: ${table} does not exist at ${label}; name tables that the check's data lives in`);
        }
    });
}
/** then: recover undoes on the branch's own history, in tables it knows before the search starts. */
function checkUndo(plan) {
    const { connection, timeline } = plan;
    if (timeline.branch.id !== connection.branch.id) {
        throw new Error(`then: recover undoes the change on ${connection.branch.name}'s own history, but good and bad lie before its ` +
            `last restore (bisect searches ${timeline.branch.name}): use then: report or then: branch`);
    }
    if (plan.tables.length === 0) {
        throw new Error(`tables: then: recover needs the tables to undo, and ${plan.tablesNote ?? "the check's plan names none"}: ` +
            'set tables');
    }
}
/** The rounds the search takes at most, once both bounds are known. */
function roundBound(plan) {
    const { good, bad } = plan;
    if (good.lsn === undefined || bad.lsn === undefined)
        return undefined;
    return Math.max(1, maxRounds(good.lsn, bad.lsn, plan.settings.parallelism));
}
/** good must lie before bad, or there is nothing to search. */
function checkOrder(good, bad) {
    if (good.lsn < bad.lsn)
        return;
    throw new Error(`good: LSN ${(0,src_lsn/* formatLsn */.rI)(good.lsn)} (${(0,src_point/* describePoint */.yR)(good.point)}) is not before bad: LSN ${(0,src_lsn/* formatLsn */.rI)(bad.lsn)} ` +
        `(${(0,src_point/* describePoint */.yR)(bad.point)}); good must be a point before the data went bad (e.g. good: 2h ago)`);
}
/** A bound's aligned LSN, read without changing anything; a timestamp may stay open (src/postgres/wal.ts). */
async function readBound(name, point, connection) {
    try {
        return { name, point, lsn: await (0,postgres.pointLsn)(connection, point) };
    }
    catch (error) {
        throw new Error(`${name}: ${(0,src_point/* describePoint */.yR)(point)} could not be resolved on ${connection.branch.name}: ${error.message}`);
    }
}

// EXTERNAL MODULE: ./src/run.ts
var run = __webpack_require__(9786);
// EXTERNAL MODULE: ./src/throwaway.ts
var throwaway = __webpack_require__(4889);
// EXTERNAL MODULE: ./src/operations/undo.ts
var undo = __webpack_require__(554);
;// CONCATENATED MODULE: ./src/operations/bisect/bounds.ts
/**
 * Bounds the plan left open: a timestamp whose LSN a time-travel compute did not report (Neon's computes may
 * answer NULL to pg_last_wal_replay_lsn()). A branch made at the timestamp, with no compute, has the LSN as its
 * parent_lsn. Making that branch is a change, so it happens only when the step runs, never in a plan.
 */



async function resolveBounds(plan, branches) {
    const [good, bad] = await Promise.all([plan.good, plan.bad].map((bound) => resolveBound(bound, plan, branches)));
    checkOrder(good, bad);
    return { good, bad };
}
async function resolveBound(bound, plan, branches) {
    if (bound.lsn !== undefined)
        return bound;
    if (bound.point.kind !== 'timestamp')
        throw new Error(`${bound.name}: the plan left a non-timestamp point open`);
    const branch = await branches.create({
        name: branches.name('point'),
        parentId: plan.timeline.branch.id,
        parentTimestamp: bound.point.timestamp,
        useMs: throwaway/* SETUP_MS */.Tc
    });
    try {
        if (!branch.parent_lsn)
            throw new Error(`Neon did not report the LSN of ${bound.point.timestamp}`);
        return { ...bound, lsn: (0,src_lsn/* alignUp */.DQ)((0,src_lsn/* parseLsn */.l2)(branch.parent_lsn)) };
    }
    finally {
        await branches.delete(branch);
    }
}

// EXTERNAL MODULE: ./src/format.ts
var format = __webpack_require__(6264);
;// CONCATENATED MODULE: ./src/operations/bisect/insights.ts
/**
 * What bisect can tell beyond the boundary, read over time-travel connections on both sides of it: the commit
 * time of the first bad LSN and the schema difference. A failure here only loses the extra detail.
 */


/**
 * One line per schema object, so two points compare as two sorted sets of lines. Catalog columns only: functions
 * like pg_get_expr open the table, and at a point inside an uncommitted DDL that would wait on its lock forever.
 */
const SCHEMA_SQL = `
WITH rels AS (
  SELECT c.oid, c.relkind, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'i')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
)
SELECT line FROM (
  SELECT CASE relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' WHEN 'S' THEN 'sequence '
         WHEN 'f' THEN 'foreign table ' WHEN 'i' THEN 'index ' ELSE 'table ' END || name AS line
  FROM rels
  UNION ALL
  SELECT 'column ' || r.name || '.' || quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
         || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || CASE WHEN a.atthasdef THEN ' with default' ELSE '' END
  FROM rels r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE r.relkind NOT IN ('S', 'i')
  UNION ALL
  SELECT 'constraint ' || r.name || '.' || quote_ident(c.conname) || ' ' ||
         CASE c.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' WHEN 'f' THEN 'foreign key'
         WHEN 'c' THEN 'check' WHEN 'x' THEN 'exclusion' ELSE 'constraint' END
  FROM pg_constraint c JOIN rels r ON r.oid = c.conrelid
) lines ORDER BY line`;
/** Read over time-travel connections at both sides of the boundary; a failure here only loses the extra detail. */
async function readInsights(endpoint, result) {
    const at = (lsn) => (0,postgres.pastUri)(endpoint, lsn);
    const notes = [];
    const note = (what) => (error) => {
        notes.push(`Could not read ${what}: ${error.message}`);
        return undefined;
    };
    const [commit, before, after] = await Promise.all([
        (0,postgres/* readRows */.aK)(at(result.firstBad), 'SELECT pg_last_xact_replay_timestamp() AS time').catch(note('the commit time of the first bad LSN')),
        (0,postgres/* readRows */.aK)(at(result.lastGood), SCHEMA_SQL).catch(note('the schema at the last good LSN')),
        (0,postgres/* readRows */.aK)(at(result.firstBad), SCHEMA_SQL).catch(note('the schema at the first bad LSN'))
    ]);
    const time = commit?.[0]?.time;
    const insights = { notes, badCommitTime: time ? (0,format/* formatTime */.fU)(time) : undefined };
    if (before && after)
        insights.schemaDiff = schemaDiff(before.map((row) => row.line), after.map((row) => row.line));
    return insights;
}
function schemaDiff(before, after) {
    const old = new Set(before);
    const now = new Set(after);
    return [
        ...before.filter((line) => !now.has(line)).map((line) => `- ${line}`),
        ...after.filter((line) => !old.has(line)).map((line) => `+ ${line}`)
    ];
}

;// CONCATENATED MODULE: ./node_modules/yocto-queue/index.js
/*
How it works:
`this.#head` is an instance of `Node` which keeps track of its current value and nests another instance of `Node` that keeps the value that comes after it. When a value is provided to `.enqueue()`, the code needs to iterate through `this.#head`, going deeper and deeper to find the last value. However, iterating through every single item is slow. This problem is solved by saving a reference to the last value as `this.#tail` so that it can reference it to add a new value.
*/

class Node {
	value;
	next;

	constructor(value) {
		this.value = value;
	}
}

class Queue {
	#head;
	#tail;
	#size;

	constructor() {
		this.clear();
	}

	enqueue(value) {
		const node = new Node(value);

		if (this.#head) {
			this.#tail.next = node;
			this.#tail = node;
		} else {
			this.#head = node;
			this.#tail = node;
		}

		this.#size++;
	}

	dequeue() {
		const current = this.#head;
		if (!current) {
			return;
		}

		this.#head = this.#head.next;
		this.#size--;

		// Clean up tail reference when queue becomes empty
		if (!this.#head) {
			this.#tail = undefined;
		}

		return current.value;
	}

	peek() {
		if (!this.#head) {
			return;
		}

		return this.#head.value;

		// TODO: Node.js 18.
		// return this.#head?.value;
	}

	clear() {
		this.#head = undefined;
		this.#tail = undefined;
		this.#size = 0;
	}

	get size() {
		return this.#size;
	}

	* [Symbol.iterator]() {
		let current = this.#head;

		while (current) {
			yield current.value;
			current = current.next;
		}
	}

	* drain() {
		while (this.#head) {
			yield this.dequeue();
		}
	}
}

;// CONCATENATED MODULE: ./node_modules/p-limit/index.js


function pLimit(concurrency) {
	let rejectOnClear = false;

	if (typeof concurrency === 'object') {
		({concurrency, rejectOnClear = false} = concurrency);
	}

	validateConcurrency(concurrency);

	if (typeof rejectOnClear !== 'boolean') {
		throw new TypeError('Expected `rejectOnClear` to be a boolean');
	}

	const queue = new Queue();
	let activeCount = 0;

	const resumeNext = () => {
		// Process the next queued function if we're under the concurrency limit
		if (activeCount < concurrency && queue.size > 0) {
			activeCount++;
			queue.dequeue().run();
		}
	};

	const next = () => {
		activeCount--;
		resumeNext();
	};

	const run = async (function_, resolve, arguments_) => {
		// Execute the function and capture the result promise
		const result = (async () => function_(...arguments_))();

		// Resolve immediately with the promise (don't wait for completion)
		resolve(result);

		// Wait for the function to complete (success or failure)
		// We catch errors here to prevent unhandled rejections,
		// but the original promise rejection is preserved for the caller
		try {
			await result;
		} catch {}

		// Decrement active count and process next queued function
		next();
	};

	const enqueue = (function_, resolve, reject, arguments_) => {
		const queueItem = {reject};

		// Queue the internal resolve function instead of the run function
		// to preserve the asynchronous execution context.
		new Promise(internalResolve => { // eslint-disable-line promise/param-names
			queueItem.run = internalResolve;
			queue.enqueue(queueItem);
		}).then(run.bind(undefined, function_, resolve, arguments_)); // eslint-disable-line promise/prefer-await-to-then

		// Start processing immediately if we haven't reached the concurrency limit
		if (activeCount < concurrency) {
			resumeNext();
		}
	};

	const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
		enqueue(function_, resolve, reject, arguments_);
	});

	Object.defineProperties(generator, {
		activeCount: {
			get: () => activeCount,
		},
		pendingCount: {
			get: () => queue.size,
		},
		clearQueue: {
			value() {
				if (!rejectOnClear) {
					queue.clear();
					return;
				}

				const abortError = AbortSignal.abort().reason;

				while (queue.size > 0) {
					queue.dequeue().reject(abortError);
				}
			},
		},
		concurrency: {
			get: () => concurrency,

			set(newConcurrency) {
				validateConcurrency(newConcurrency);
				concurrency = newConcurrency;

				queueMicrotask(() => {
					// eslint-disable-next-line no-unmodified-loop-condition
					while (activeCount < concurrency && queue.size > 0) {
						resumeNext();
					}
				});
			},
		},
		map: {
			async value(iterable, function_) {
				const promises = [];

				try {
					Array.from(iterable, (value, index) => {
						const promise = generator(function_, value, index);
						promises.push(promise);
						return promise;
					});
				} catch (error) {
					// The iterable threw, so `Promise.all` never observes the already scheduled promises. Observe them here to avoid unhandled rejections.
					for (const promise of promises) {
						promise.catch(() => {}); // eslint-disable-line promise/prefer-await-to-then
					}

					throw error;
				}

				return Promise.all(promises);
			},
		},
	});

	return generator;
}

function limitFunction(function_, options) {
	const limit = pLimit(options);

	const limitedFunction = (...arguments_) => limit(() => function_(...arguments_));
	Object.defineProperty(limitedFunction, 'clearQueue', {
		value: limit.clearQueue,
	});

	return limitedFunction;
}

function validateConcurrency(concurrency) {
	if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
		throw new TypeError('Expected `concurrency` to be a number from 1 and up');
	}
}

// EXTERNAL MODULE: ./src/neon/index.ts + 7 modules
var neon = __webpack_require__(727);
;// CONCATENATED MODULE: ./src/operations/bisect/probers.ts
/**
 * Probers: how bisect runs its check at one LSN. Over a time-travel connection (no branch, nothing to clean up),
 * or on a throwaway branch per probe (src/throwaway.ts), deleted in the background once the check answered.
 */





/** How long a time-travel probe waits for a lock before it asks a branch instead. */
const TIME_TRAVEL_LOCK_TIMEOUT_MS = 2000;
function proberFor(plan, branches, gateway, context) {
    return plan.settings.probe === 'branch'
        ? new BranchProber(plan, branches, gateway, context)
        : new TimeTravelProber(plan, branches, gateway, context);
}
/**
 * Probes over time-travel connections. A read-only instance at an LSN inside an uncommitted transaction that
 * took an exclusive lock (a DROP TABLE before its commit) keeps that lock forever; a branch there is promoted,
 * which ends that transaction, so such a probe is asked again on a branch.
 */
class TimeTravelProber {
    plan;
    branches;
    gateway;
    context;
    fallback;
    constructor(plan, branches, gateway, context) {
        this.plan = plan;
        this.branches = branches;
        this.gateway = gateway;
        this.context = context;
    }
    async probe(lsn) {
        const { settings } = this.plan;
        try {
            return await (0,postgres/* runCheck */.k_)((0,postgres.pastUri)(this.plan.timeline, lsn), settings.check, {
                timeoutMs: settings.checkTimeoutMs,
                lockTimeoutMs: TIME_TRAVEL_LOCK_TIMEOUT_MS
            });
        }
        catch (error) {
            if (!(error instanceof postgres/* LockTimeoutError */.XB))
                throw error;
            this.context.info(`Probe at ${(0,src_lsn/* formatLsn */.rI)(lsn)}: ${error.message}, held by a transaction not committed at this LSN; asking a branch instead`);
            this.fallback ??= new BranchProber(this.plan, this.branches, this.gateway, this.context);
            return this.fallback.probe(lsn);
        }
    }
    drain() {
        return this.fallback?.drain() ?? Promise.resolve([]);
    }
}
/**
 * Probes on throwaway branches, one a probe, each deleted in the background once its check has answered. A
 * probe holds its slot until its branch is deleted, so the slots count the branches this run has. When Neon
 * answers 422 BRANCHES_LIMIT_EXCEEDED, fewer probes run at once: as many as this run had branches then.
 */
class BranchProber {
    plan;
    branches;
    gateway;
    context;
    slots;
    tasks = new Set();
    failures = [];
    warned = false;
    constructor(plan, branches, gateway, context) {
        this.plan = plan;
        this.branches = branches;
        this.gateway = gateway;
        this.context = context;
        // The first wave also checks both bounds.
        this.slots = pLimit(plan.settings.parallelism + 2);
    }
    async probe(lsn) {
        try {
            return await this.probeOnNewBranch(lsn);
        }
        catch (error) {
            // A compute that fails to start is the branch's problem, not the check's: one more try on a new branch.
            if (!(error instanceof postgres/* ConnectionError */.Rc) || error instanceof postgres/* CheckTimeoutError */.Ap)
                throw error;
            this.context.info(`Probe at ${(0,src_lsn/* formatLsn */.rI)(lsn)}: ${error.message}; trying once more on a new branch`);
            return this.probeOnNewBranch(lsn);
        }
    }
    /** Resolves with the check's outcome; the slot is given back only once the branch is deleted. */
    probeOnNewBranch(lsn) {
        return new Promise((resolve, reject) => {
            const attempt = async () => {
                let branch;
                try {
                    branch = await this.create(lsn);
                    if (branch)
                        resolve(await this.check(branch));
                    else
                        this.schedule(attempt);
                }
                catch (error) {
                    reject(error);
                }
                finally {
                    if (branch)
                        await this.branches.delete(branch).catch((error) => this.cleanupFailed(branch, error));
                }
            };
            this.schedule(attempt);
        });
    }
    /** Runs `work` in a slot; `drain()` waits for every such task. `work` never throws. */
    schedule(work) {
        const task = this.slots(work).finally(() => this.tasks.delete(task));
        this.tasks.add(task);
    }
    cleanupFailed(branch, error) {
        this.failures.push(`${branch.name}: ${error.message}`);
    }
    /** The probe branch, or undefined when the branch limit was hit and the probe must wait for a slot. */
    async create(lsn) {
        try {
            return await this.branches.create({
                parentId: this.plan.timeline.branch.id,
                parentLsn: (0,src_lsn/* formatLsn */.rI)(lsn),
                endpoint: 'read_write',
                useMs: throwaway/* SETUP_MS */.Tc + this.plan.settings.checkTimeoutMs
            });
        }
        catch (error) {
            if (!(error instanceof neon/* BranchLimitError */.Y2))
                throw error;
            this.shrink(error);
            return undefined;
        }
    }
    async check(branch) {
        const { database, role } = this.plan.connection;
        // A probe branch's role has the parent's password, masked already; the URI differs only in its host.
        const uri = await this.gateway.connections.getUri({ branchId: branch.id, database, role });
        return (0,postgres/* runCheck */.k_)(uri, this.plan.settings.check, { timeoutMs: this.plan.settings.checkTimeoutMs });
    }
    /** Runs as many probes at once as this run has other branches now (this probe's slot is one of the active). */
    shrink(error) {
        const others = this.slots.activeCount - 1;
        if (others === 0) {
            throw new Error(`${error.message}. bisect with probe: branch needs at least one free branch slot; ` +
                'free one, or use probe: time-travel, which needs none');
        }
        this.slots.concurrency = Math.max(1, others);
        if (this.warned)
            return;
        this.warned = true;
        this.context.warning(`The project's branch limit is reached: running at most ${this.slots.concurrency} probe branches at once ` +
            `instead of ${this.plan.settings.parallelism} (probe: time-travel needs no branch slots)`);
    }
    async drain() {
        while (this.tasks.size > 0)
            await Promise.all([...this.tasks]);
        return [...this.failures];
    }
}

// EXTERNAL MODULE: ./src/diagrams/mermaid.ts
var mermaid = __webpack_require__(4761);
;// CONCATENATED MODULE: ./src/diagrams/bisect.ts
/**
 * bisect's interval narrowing round by round as a flowchart: one node a round with the interval left after it
 * (LSNs as PostgreSQL prints them) and its width, then the answer. A chain of boxes stays readable at any
 * range, 2^29 bytes or more, because every box says its bounds in text; past MAX_ROUNDS_SHOWN rounds the middle
 * ones are one "…" box (the Rounds table lists them all). Pure.
 */



/** More rounds than this and only the first FIRST_SHOWN and the last LAST_SHOWN get a box. */
const MAX_ROUNDS_SHOWN = 12;
const FIRST_SHOWN = 4;
const LAST_SHOWN = 6;
function narrowingDiagram(facts) {
    const chart = new mermaid/* Flowchart */.Tg('TD');
    const interval = (good, bad) => `${(0,src_lsn/* formatLsn */.rI)(good)} .. ${(0,src_lsn/* formatLsn */.rI)(bad)}`;
    let previous = chart.node(['bounds', interval(facts.good, facts.bad), (0,format/* formatBytes */.z3)(facts.bad - facts.good, { whole: true })], 'round');
    const { rounds } = facts;
    const cut = rounds.length > MAX_ROUNDS_SHOWN;
    rounds.forEach((round, index) => {
        if (cut && index === FIRST_SHOWN) {
            const hidden = rounds.length - FIRST_SHOWN - LAST_SHOWN;
            const skipped = chart.node([`… ${hidden} more rounds (see the Rounds table)`]);
            chart.edge(previous, skipped, undefined, 'dotted');
            previous = skipped;
        }
        if (cut && index >= FIRST_SHOWN && index < rounds.length - LAST_SHOWN)
            return;
        const node = chart.node([
            `round ${index + 1}`,
            interval(round.good, round.bad),
            (0,format/* formatBytes */.z3)(round.bad - round.good, { whole: true })
        ]);
        chart.edge(previous, node, `${round.probes} probe${round.probes === 1 ? '' : 's'}`);
        previous = node;
    });
    const answer = chart.node([`last good ${(0,src_lsn/* formatLsn */.rI)(facts.lastGood)}`, `first bad ${(0,src_lsn/* formatLsn */.rI)(facts.firstBad)}`], 'stadium');
    chart.edge(previous, answer);
    return { title: 'the search interval by round', source: chart.toString() };
}

// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
// EXTERNAL MODULE: ./src/summary.ts
var src_summary = __webpack_require__(8855);
// EXTERNAL MODULE: ./src/operations/undo-report.ts
var undo_report = __webpack_require__(1345);
;// CONCATENATED MODULE: ./src/operations/bisect/rounds.ts
/**
 * The search loop: waves of probes driven by the k-ary search (src/search.ts). The first wave checks both bounds
 * together with the first round; wrong bounds stop the search with an error that says which.
 */




async function runSearch(input, context) {
    const { good, bad, parallelism: k } = input;
    const search = new BoundarySearch(good.lsn, bad.lsn);
    const rounds = [];
    const record = (lsns, outcomes, ms) => rounds.push({ probes: lsns.map((lsn, index) => ({ lsn, outcome: outcomes[index] })), ms, ...search.interval });
    const first = search.nextRound(k);
    const wave = await runWave(1, [good.lsn, bad.lsn, ...first], input, context);
    const [atGood, atBad, ...firstOutcomes] = wave.outcomes;
    checkBounds(input, atGood, atBad);
    if (first.length > 0)
        search.report(healthy(firstOutcomes));
    record([good.lsn, bad.lsn, ...first], wave.outcomes, wave.ms);
    while (!search.done) {
        const lsns = search.nextRound(k);
        const next = await runWave(rounds.length + 1, lsns, input, context);
        search.report(healthy(next.outcomes));
        record(lsns, next.outcomes, next.ms);
    }
    return { result: search.result(), rounds };
}
function healthy(outcomes) {
    return outcomes.map((outcome) => outcome.kind === 'value' && outcome.healthy);
}
/** The check must pass at good and fail at bad, or the search would answer a question nobody asked. */
function checkBounds(input, atGood, atBad) {
    const { good, bad } = input;
    const at = (bound) => `LSN ${(0,src_lsn/* formatLsn */.rI)(bound.lsn)}, ${(0,src_point/* describePoint */.yR)(bound.point)}`;
    const problems = [];
    if (atGood.kind === 'sql-error') {
        problems.push(`good: the check fails at good (${at(good)}) with an SQL error, so it cannot tell healthy from broken: ` +
            `${atGood.code} ${atGood.message}. Fix the check, or choose a good point where it runs`);
    }
    else if (!atGood.healthy) {
        problems.push(`good: the check is false at good (${at(good)}): the data was already broken there. Choose an earlier good point`);
    }
    if (atBad.kind === 'value' && atBad.healthy) {
        problems.push(`bad: the check is true at bad (${at(bad)}): by this check nothing broke between good and bad. ` +
            'Choose a later bad point, or check that the check returns false on the broken data');
    }
    if (problems.length > 0)
        throw new Error(problems.join('\n'));
}
async function runWave(number, lsns, input, context) {
    context.info(`Round ${number}: probing ${lsns.map(input.label).join(', ')}`);
    const started = Date.now();
    // Every probe settles before an error is raised, so no probe creates a branch after cleanup has run.
    const settled = await Promise.allSettled(lsns.map((lsn) => input.prober.probe(lsn).catch((error) => {
        throw new Error(`the check at LSN ${(0,src_lsn/* formatLsn */.rI)(lsn)}: ${error.message}`);
    })));
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed)
        throw failed.reason;
    const outcomes = settled.map((outcome) => outcome.value);
    const ms = Date.now() - started;
    context.info(`Round ${number} took ${(0,duration/* formatDuration */.a3)(ms)}: ` +
        lsns.map((lsn, index) => `${(0,src_lsn/* formatLsn */.rI)(lsn)} ${verdictText(outcomes[index])}`).join(', '));
    return { outcomes, ms };
}
function verdictText(outcome) {
    if (outcome.kind === 'sql-error')
        return `broken (SQL error ${outcome.code})`;
    return outcome.healthy ? 'healthy' : 'broken';
}

;// CONCATENATED MODULE: ./src/operations/bisect/report.ts
/** bisect's dry-run description and its report: the answer first, then the rounds, the bounds and the next step. */












function describe(plan) {
    const { settings, good, bad } = plan;
    const rounds = roundBound(plan);
    const probes = `${settings.parallelism} probes (plus the two bound checks in the first round)`;
    const search = good.lsn !== undefined && bad.lsn !== undefined
        ? `${(0,format/* formatBytes */.z3)(bad.lsn - good.lsn, { exact: true })} of history in at most ${rounds} rounds of ${probes}.`
        : `the history between good and bad in rounds of ${probes}; the range and the round count are resolved when run.`;
    const summary = new src_summary/* Summary */.BD()
        .heading(`Dry run: Bisect of ${plan.connection.branch.name}`)
        .paragraph(plan.note)
        .paragraph(`Nothing was probed. This step would search ${search}`)
        .keyValues(boundFacts(plan, good, bad));
    if (plan.refusal)
        summary.paragraph(`The restore afterwards would be refused: ${plan.refusal}`);
    return { outputs: {}, summary };
}
function report(plan, result, context) {
    const { result: answer, rounds } = result.searched;
    const outputs = {
        'last-good-lsn': (0,src_lsn/* formatLsn */.rI)(answer.lastGood),
        'first-bad-lsn': (0,src_lsn/* formatLsn */.rI)(answer.firstBad),
        probes: String(rounds.reduce((sum, round) => sum + round.probes.length, 0)),
        rounds: String(rounds.length)
    };
    if (result.recovery)
        Object.assign(outputs, { 'branch-id': result.recovery.id, 'branch-name': result.recovery.name });
    const restored = result.restored && restore.report(result.restored.plan, result.restored.result, context);
    if (restored)
        Object.assign(outputs, restored.outputs);
    if (result.changes)
        outputs.changes = (0,undo_report/* changesOutput */.b4)(result.changes);
    if (result.undone)
        outputs.conflicts = (0,undo_report/* conflictsOutput */.jJ)(result.undone.result);
    const summary = new src_summary/* Summary */.BD().heading(`Bisect of ${plan.connection.branch.name}`).paragraph(plan.note);
    answerSection(summary, plan, result, outputs);
    if (result.changes)
        (0,undo_report/* changesSection */.Hv)(summary, 'What the bad transaction changed', result.changes);
    if (result.undone)
        (0,undo_report/* undoneSection */.h4)(summary, result.undone.plan, result.undone.result);
    warnings(summary, result);
    roundsSection(summary, plan, result);
    if (restored)
        summary.append(restored.summary);
    else if (!result.undone)
        nextStep(summary, plan, result, context);
    return { outputs, summary };
}
function answerSection(summary, plan, result, outputs) {
    const { badCommitTime } = result.insights;
    const recovery = result.recovery;
    summary
        .paragraph(`The check first fails at LSN ${outputs['first-bad-lsn']}` +
        (badCommitTime ? `, made by a transaction committed at ${badCommitTime}` : '') +
        `. The last good LSN is ${outputs['last-good-lsn']}.`)
        .keyValues([
        ['First bad LSN', outputs['first-bad-lsn']],
        ['Last good LSN', outputs['last-good-lsn']],
        ['Bad commit time', badCommitTime],
        ['Probes', outputs.probes],
        ['Rounds', `${outputs.rounds} (at most ${result.maxRounds} for this range and parallelism)`],
        ['Recovery branch', recovery && `${recovery.name} (${recovery.id}) at ${outputs['last-good-lsn']}`],
        ['Took', (0,duration/* formatDuration */.a3)(result.ms)]
    ]);
}
function warnings(summary, result) {
    const { result: answer, rounds } = result.searched;
    if (answer.nonMonotonic) {
        summary.paragraph('Warning: the check passed again at a later probe after failing at an earlier one, so the data broke more than ' +
            'once between the bounds. This is the earliest boundary the probes saw; bisect again from this LSN to find later ones.');
    }
    const sqlErrors = rounds.flatMap((round) => round.probes).filter((probe) => probe.outcome.kind === 'sql-error');
    if (sqlErrors.length > 0) {
        const first = sqlErrors[0].outcome;
        summary.paragraph(`The check failed with an SQL error at ${sqlErrors.length} probe${sqlErrors.length === 1 ? '' : 's'}, counted as ` +
            `broken because it ran fine at good. First error (at LSN ${(0,src_lsn/* formatLsn */.rI)(sqlErrors[0].lsn)}): ${first.code} ${first.message}`);
    }
    const { schemaDiff, notes } = result.insights;
    if (schemaDiff && schemaDiff.length > 0) {
        summary.heading('Schema change across the boundary', 3).code(schemaDiff.join('\n'), 'diff');
    }
    for (const note of notes)
        summary.paragraph(note);
    if (result.cleanupProblems.length > 0) {
        summary.paragraph(`Warning: ${result.cleanupProblems.length} probe branches could not be deleted; the post step tries again.`);
    }
}
function roundsSection(summary, plan, result) {
    const label = probeLabel(result.good.lsn, result.bad.lsn);
    summary
        .heading('Rounds', 3)
        .table(['Round', 'Probes (LSN: verdict)', 'Interval after', 'Time'], result.searched.rounds.map((round, index) => [
        String(index + 1),
        round.probes.map((probe) => `${label(probe.lsn)}: ${verdictText(probe.outcome)}`).join(', '),
        `${(0,src_lsn/* formatLsn */.rI)(round.good)} .. ${(0,src_lsn/* formatLsn */.rI)(round.bad)}`,
        (0,duration/* formatDuration */.a3)(round.ms)
    ]))
        .diagram(narrowingDiagram(narrowingFacts(result)))
        .heading('Bounds', 3)
        .keyValues(boundFacts(plan, result.good, result.bad));
}
function nextStep(summary, plan, result, context) {
    const { branch } = plan.connection;
    const { lastGood, firstBad } = result.searched.result;
    const common = { actionRef: context.actionRef, projectId: plan.settings.projectId, carried: plan.settings, branch };
    summary
        .heading(`Next step: put ${branch.name} back to the last good LSN`, 3)
        .paragraph('This puts the whole branch back and keeps its current state as a backup branch:')
        .code((0,operations_common/* restoreStep */.T2)({ ...common, source: lastGoodSource(plan, (0,src_lsn/* formatLsn */.rI)(lastGood)) }), 'yaml');
    // The LSNs of a search on a backup are the backup's: recover reads LSNs on the branch itself.
    const changed = (result.changes ?? []).filter(({ diff }) => diff.deleted + diff.inserted + diff.updated > 0);
    const tables = changed.filter((table) => !table.comparison.undoRefusal);
    if (tables.length === 0 || plan.timeline.branch.id !== branch.id)
        return;
    const good = (0,src_lsn/* formatLsn */.rI)(lastGood);
    const bad = (0,src_lsn/* formatLsn */.rI)(firstBad);
    summary
        .paragraph('Or undo only what the bad transaction changed in these tables, keeping every write made since:')
        .code((0,operations_common/* undoStep */.Dh)({ ...common, good, bad, tables: tables.map((table) => (0,changes/* tableText */.qK)(table.shape)).join(', ') }), 'yaml');
    for (const table of changed.filter((table) => table.comparison.undoRefusal)) {
        summary.paragraph(`${table.table} cannot be undone this way: ${table.comparison.undoRefusal}.`);
    }
}
function narrowingFacts(result) {
    const { rounds, result: answer } = result.searched;
    return {
        good: result.good.lsn,
        bad: result.bad.lsn,
        rounds: rounds.map((round) => ({ good: round.good, bad: round.bad, probes: round.probes.length })),
        lastGood: answer.lastGood,
        firstBad: answer.firstBad
    };
}
/** The restore source of the last good LSN: the branch's own past, or the backup the search ran on. */
function lastGoodSource(plan, lastGood) {
    const { timeline, connection } = plan;
    return timeline.branch.id === connection.branch.id ? `^self@${lastGood}` : `${timeline.branch.name}@${lastGood}`;
}
function boundFacts(plan, good, bad) {
    const { settings } = plan;
    const bound = (it) => it.lsn === undefined
        ? `${(0,src_point/* describePoint */.yR)(it.point)} (its LSN is resolved when run)`
        : `LSN ${(0,src_lsn/* formatLsn */.rI)(it.lsn)} (${(0,src_point/* describePoint */.yR)(it.point)})`;
    return [
        ['Branch', `${plan.connection.branch.name} (${plan.connection.branch.id})`],
        ['Check', settings.check],
        ['Good', bound(good)],
        ['Bad', bound(bad)],
        [
            'Range',
            good.lsn !== undefined && bad.lsn !== undefined ? (0,format/* formatBytes */.z3)(bad.lsn - good.lsn, { exact: true }) : undefined
        ],
        ['Probes a round', String(settings.parallelism)],
        ['Probe', settings.probe === 'branch' ? 'a branch per probe' : 'time-travel connections (no branches)'],
        ['Then', settings.then],
        ['Tables compared', plan.tables.join(', ') || undefined]
    ];
}
function probeLabel(good, bad) {
    return (lsn) => {
        const text = (0,src_lsn/* formatLsn */.rI)(lsn);
        if (lsn === good)
            return `${text} (good)`;
        if (lsn === bad)
            return `${text} (bad)`;
        return text;
    };
}

;// CONCATENATED MODULE: ./src/operations/bisect/execute.ts
/**
 * bisect's execution: resolve the bounds the plan left open, run the search on the chosen prober, read what
 * changed at the boundary (its schema, and the rows of the tables compared), then do what `then` asks (a recovery
 * branch, a restore keeping a backup, or the undo of the bad transaction).
 */













async function execute(plan, gateway, context) {
    const started = Date.now();
    if (plan.refusal)
        throw new Error(plan.refusal);
    const branches = new throwaway/* Throwaways */.Gd(gateway, context, 'bisect');
    const { good, bad } = await resolveBounds(plan, branches);
    const resolved = { ...plan, good, bad };
    const searched = await search(resolved, good, bad, branches, gateway, context);
    const { result: answer } = searched;
    context.info(`First bad LSN ${(0,src_lsn/* formatLsn */.rI)(answer.firstBad)}, last good LSN ${(0,src_lsn/* formatLsn */.rI)(answer.lastGood)} ` +
        `(${searched.rounds.reduce((sum, round) => sum + round.probes.length, 0)} probes in ${searched.rounds.length} rounds)`);
    const result = {
        good,
        bad,
        maxRounds: roundBound(resolved),
        searched,
        insights: await readInsights(plan.timeline, answer),
        cleanupProblems: searched.cleanupProblems,
        ms: 0
    };
    result.changes = await changesAtBoundary(plan, answer, result.insights.notes);
    if (plan.settings.then === 'branch')
        result.recovery = await createRecoveryBranch(plan, answer.lastGood, gateway, context);
    if (plan.settings.then === 'restore')
        result.restored = await restoreTo(plan, answer.lastGood, gateway, context);
    if (plan.settings.then === 'recover')
        result.undone = await undoChange(plan, answer, gateway, context);
    result.ms = Date.now() - started;
    return result;
}
async function search(plan, good, bad, branches, gateway, context) {
    const prober = proberFor(plan, branches, gateway, context);
    const input = { good, bad, parallelism: plan.settings.parallelism, prober, label: probeLabel(good.lsn, bad.lsn) };
    let searched;
    try {
        searched = await runSearch(input, context);
    }
    catch (error) {
        await drain(prober, context);
        throw await explainChangedBranch(error, plan.connection.branch, gateway);
    }
    return { ...searched, cleanupProblems: await drain(prober, context) };
}
/** The answer (or the search's own error) matters more than a branch the post step can still delete. */
async function drain(prober, context) {
    const problems = await prober.drain();
    if (problems.length > 0) {
        context.warning(`Could not delete ${problems.length} probe branches (the post step tries again): ${problems.join('; ')}`);
    }
    return problems;
}
/**
 * A restore or reset of the branch while the probes ran (another job) changes its history under them: say so,
 * instead of only what the failed probe saw (an LSN "in the future of the branch", say).
 */
async function explainChangedBranch(error, branch, gateway) {
    const now = await gateway.branches.get(branch.id).catch(() => undefined);
    if (!now || (now.last_reset_at === branch.last_reset_at && now.parent_id === branch.parent_id))
        return error;
    return new Error(`${error.message}. ${branch.name} was restored or reset while bisect ran (by another job?), so its history ` +
        'changed under the probes: put the jobs that change it in one concurrency group, then run bisect again');
}
/** then: branch. The recovery branch is the user's to keep: annotated with the run, never expiring. */
async function createRecoveryBranch(plan, lastGood, gateway, context) {
    const { branch } = await gateway.branches.create({
        name: plan.recoveryName,
        parentId: plan.timeline.branch.id,
        parentLsn: (0,src_lsn/* formatLsn */.rI)(lastGood),
        endpoint: 'read_write',
        annotations: { [run/* RUN_ANNOTATION */.c]: context.runId }
    });
    context.info(`Created recovery branch ${branch.name} (${branch.id}) at ${(0,src_lsn/* formatLsn */.rI)(lastGood)}`);
    return branch;
}
/** then: restore. The same restore as operation: restore, to the last good LSN, keeping a backup. */
async function restoreTo(plan, lastGood, gateway, context) {
    const point = { kind: 'lsn', lsn: (0,src_lsn/* formatLsn */.rI)(lastGood) };
    const onBackup = plan.timeline.branch.id !== plan.connection.branch.id;
    const settings = {
        ...plan.restoreSettings,
        // A search on a backup found the backup's LSN: restore from there, not from the branch's own timeline.
        source: onBackup
            ? { kind: 'branch', branch: plan.timeline.branch.id, point }
            : { kind: 'self', point }
    };
    const restorePlan = await restore.plan(settings, gateway, context);
    return { plan: restorePlan, result: await restore.execute(restorePlan, gateway, context) };
}
/** What the bad transaction changed, read on both sides of the boundary; a failure only loses the detail. */
async function changesAtBoundary(plan, answer, notes) {
    if (plan.tablesNote)
        notes.push(`Could not compare rows across the boundary: ${plan.tablesNote}`);
    if (plan.tables.length === 0)
        return undefined;
    const at = (lsn) => (0,postgres.pastUri)(plan.timeline, lsn);
    const label = { before: 'the last good LSN', after: 'the first bad LSN' };
    try {
        return await (0,changes/* readChanges */.St)(at(answer.lastGood), at(answer.firstBad), plan.tables, label);
    }
    catch (error) {
        notes.push(`Could not compare ${plan.tables.join(', ')} across the boundary: ${error.message}`);
        return undefined;
    }
}
/** then: recover. The same undo as recover with mode: undo, from the last good to the first bad LSN. */
async function undoChange(plan, answer, gateway, context) {
    const { settings, connection } = plan;
    const undoSettings = {
        operation: 'recover',
        mode: 'undo',
        apiKey: settings.apiKey,
        projectId: settings.projectId,
        projectIds: settings.projectIds,
        apiHost: settings.apiHost,
        branch: connection.branch.id,
        dryRun: false,
        database: connection.database,
        role: connection.role,
        history: settings.history,
        good: { kind: 'lsn', lsn: (0,src_lsn/* formatLsn */.rI)(answer.lastGood) },
        bad: { kind: 'lsn', lsn: (0,src_lsn/* formatLsn */.rI)(answer.firstBad) },
        tables: plan.tables
    };
    const undoPlan = await undo.planUndo(undoSettings, gateway, context, { strict: false });
    return { plan: undoPlan, result: await undo.execute(undoPlan, gateway, context) };
}

;// CONCATENATED MODULE: ./src/operations/bisect/index.ts
/**
 * bisect: the exact LSN where a check (SQL returning true while the data is healthy) turns false, between a
 * point where it passes (`good`) and one where it fails (`bad`).
 * - plan.ts: the branch, both bounds (read without changing anything), what `then` will do;
 * - bounds.ts: the bounds the plan left open, resolved when run;
 * - rounds.ts: the search loop, one wave of probes a round (src/search.ts decides where);
 * - probers.ts: a probe over a time-travel connection, or on a throwaway branch;
 * - insights.ts: the commit time and schema change at the boundary (the rows changed: ../changes.ts);
 * - execute.ts: all of that in order, then `then` (then: recover is recover's mode: undo, ../undo.ts);
 * - report.ts: the dry-run description and the summary.
 */




/** Probe branches and the point look-up are throwaway branches. */
const makesThrowaways = true;


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
