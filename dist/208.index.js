export const id = 208;
export const ids = [208];
export const modules = {

/***/ 2208:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  describe: () => (/* reexport */ report/* describe */.q0),
  execute: () => (/* reexport */ execute),
  makesThrowaways: () => (/* binding */ makesThrowaways),
  plan: () => (/* reexport */ bisect_plan/* plan */.et),
  report: () => (/* reexport */ report/* report */.z8),
  schemaDiff: () => (/* reexport */ schemaDiff)
});

// EXTERNAL MODULE: ./src/operations/bisect/plan.ts
var bisect_plan = __webpack_require__(2438);
// EXTERNAL MODULE: ./src/lsn.ts
var src_lsn = __webpack_require__(2326);
// EXTERNAL MODULE: ./src/run.ts
var run = __webpack_require__(9786);
// EXTERNAL MODULE: ./src/throwaway.ts
var throwaway = __webpack_require__(4889);
// EXTERNAL MODULE: ./src/postgres/index.ts + 9 modules
var postgres = __webpack_require__(9517);
// EXTERNAL MODULE: ./src/operations/changes.ts + 2 modules
var changes = __webpack_require__(7806);
// EXTERNAL MODULE: ./src/operations/restore.ts
var restore = __webpack_require__(9284);
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
    (0,bisect_plan/* checkOrder */.Fs)(good, bad);
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

// EXTERNAL MODULE: ./src/operations/bisect/report.ts
var report = __webpack_require__(3319);
// EXTERNAL MODULE: ./src/operations/bisect/rounds.ts
var rounds = __webpack_require__(3892);
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
        maxRounds: (0,bisect_plan/* roundBound */.Fw)(resolved),
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
    const input = { good, bad, parallelism: plan.settings.parallelism, prober, label: (0,report/* probeLabel */.h2)(good.lsn, bad.lsn) };
    let searched;
    try {
        searched = await (0,rounds/* runSearch */._)(input, context);
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

/***/ 554:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   describe: () => (/* binding */ describe),
/* harmony export */   execute: () => (/* binding */ execute),
/* harmony export */   plan: () => (/* binding */ plan),
/* harmony export */   planUndo: () => (/* binding */ planUndo),
/* harmony export */   report: () => (/* binding */ report)
/* harmony export */ });
/* harmony import */ var _changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(666);
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9525);
/* harmony import */ var _postgres_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9517);
/* harmony import */ var _recovery_sql_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7165);
/* harmony import */ var _changes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7806);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9425);
/* harmony import */ var _branch_connection_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9445);
/* harmony import */ var _lineage_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(555);
/* harmony import */ var _undo_report_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1345);









const plan = (settings, gateway, context) => planUndo(settings, gateway, context, { strict: true });
const describe = _undo_report_js__WEBPACK_IMPORTED_MODULE_6__/* .describeUndo */ .WJ;
const report = _undo_report_js__WEBPACK_IMPORTED_MODULE_6__/* .reportUndo */ .Z6;
/**
 * The plan, read without changing anything. `strict`: a table whose undo is refused is an input error; otherwise
 * (bisect, whose tables came from the check's plan) the undo goes on with the others and reports it.
 */
async function planUndo(settings, gateway, context, { strict }) {
    const branch = await (0,_common_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveBranch */ .pd)(gateway, settings.branch);
    const located = await (0,_lineage_js__WEBPACK_IMPORTED_MODULE_5__/* .locateBounds */ .uV)(gateway, branch, settings, settings.history);
    const connection = await (0,_branch_connection_js__WEBPACK_IMPORTED_MODULE_7__/* .connectionTo */ .mQ)(branch, settings, gateway, context, 'recover');
    const [good, bad] = await Promise.all([settings.good, settings.bad].map((point) => (0,_branch_connection_js__WEBPACK_IMPORTED_MODULE_7__/* .pointUri */ .Pl)(connection, point, context, located.good.branch)));
    checkOrder(settings, good.lsn, bad.lsn);
    const uris = { live: connection.uri, good: good.uri, bad: bad.uri };
    const planned = await planTables(settings, uris);
    if (strict && planned.refused.length > 0) {
        throw new Error(planned.refused.map(({ table, reason }) => `tables: ${table} cannot be undone: ${reason}`).join('\n') +
            '\n(leave it out of tables, or recover it with mode: merge or mode: schema)');
    }
    const { database, role } = connection;
    return { settings, branch, on: located.good, database, role, uris, ...planned };
}
/** good must come before bad: an LSN before an LSN, a time before a time (a mix is checked by Neon's answer). */
function checkOrder(settings, good, bad) {
    const { good: g, bad: b } = settings;
    const times = g.kind === 'timestamp' && b.kind === 'timestamp' && Date.parse(g.timestamp) >= Date.parse(b.timestamp);
    if ((good !== undefined && bad !== undefined && good >= bad) || times) {
        throw new Error(`good: ${(0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describePoint */ .yR)(g)} is not before bad: ${(0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describePoint */ .yR)(b)}; give bisect's last-good-lsn as good ` +
            'and its first-bad-lsn as bad');
    }
}
async function planTables(settings, uris) {
    const [before, after, live] = await Promise.all([(0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .openAt */ ._8)(uris.good), (0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .openAt */ ._8)(uris.bad), (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .connect */ .Ng)(uris.live)]);
    try {
        const label = { before: `good (${(0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describePoint */ .yR)(settings.good)})`, after: `bad (${(0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describePoint */ .yR)(settings.bad)})` };
        const compared = await (0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .compareTables */ .Dz)(before, after, settings.tables, label, settings.where).catch((error) => {
            throw new Error(`tables: ${error.message}`);
        });
        const tables = [];
        const refused = [];
        for (const table of compared) {
            if (settings.where !== undefined) {
                // User SQL, parsed on the read-only past before anything is written (a second statement is refused).
                await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .checkSelect */ .X2)(before, table.select).catch((error) => {
                    throw new Error(`where: ${error.message} (in ${table.select})`);
                });
            }
            const reason = table.comparison.undoRefusal ?? (await headRefusal(live, table));
            if (reason)
                refused.push({ table: table.table, reason });
            else
                tables.push({ ...table, target: await targetOf(live, table, tables.length) });
        }
        const preview = settings.dryRun
            ? await sequential(compared, async (table) => ({
                table: table.table,
                diff: await (0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .diffTable */ .Y8)(before, after, table)
            }))
            : undefined;
        return { tables, refused, preview };
    }
    finally {
        await Promise.all([before, after, live].map((client) => client.end().catch(() => undefined)));
    }
}
async function sequential(items, work) {
    const results = [];
    for (const item of items)
        results.push(await work(item));
    return results;
}
/** The table at head must still be the one compared: the same primary key and columns (types included). */
async function headRefusal(live, table) {
    const head = await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .readTableShape */ .Yr)(live, (0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_8__/* .qualifiedName */ .OL)(table.shape.schema, table.shape.name));
    if (!head)
        return 'it no longer exists at head (recover it with mode: schema)';
    const { layout } = table.comparison;
    const key = layout.key.map((index) => layout.columns[index]);
    if (head.primaryKey?.columns.join(',') !== key.join(','))
        return 'its primary key at head differs from the one at bad';
    const types = new Map(head.columns.filter((column) => !column.generated).map((column) => [column.name, column.type]));
    const past = new Map(table.shape.columns.map((column) => [column.name, column.type]));
    const same = types.size === layout.columns.length && layout.columns.every((name) => types.get(name) === past.get(name));
    return same ? undefined : 'its columns at head differ from those at bad (the table was altered since)';
}
async function targetOf(live, table, index) {
    const head = (await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .readTableShape */ .Yr)(live, (0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_8__/* .qualifiedName */ .OL)(table.shape.schema, table.shape.name)));
    const { layout } = table.comparison;
    return {
        into: (0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_8__/* .qualifiedName */ .OL)(head.schema, head.name),
        columns: layout.columns,
        keyColumns: layout.key.map((position) => layout.columns[position]),
        alwaysIdentity: head.columns.filter((column) => column.identity === 'a').map((column) => column.name),
        staging: (0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_8__/* .quoteIdent */ .v4)(`nra_undo_${index}`)
    };
}
async function execute(plan, _gateway, context) {
    const started = Date.now();
    const { uris } = plan;
    const [before, after, live] = await Promise.all([(0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .openAt */ ._8)(uris.good), (0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .openAt */ ._8)(uris.bad), (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .connect */ .Ng)(uris.live)]);
    let current;
    try {
        await live.query('BEGIN');
        // The staged values are the text the past sessions printed: read back under the same settings.
        await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .canonicalText */ .A4)(live);
        const tables = [];
        for (const table of plan.tables) {
            current = table;
            tables.push(await undoTable(before, after, live, table));
            context.info(`${table.table}: ${JSON.stringify(tables[tables.length - 1], ['restored', 'reverted', 'removed'])}`);
        }
        current = undefined;
        await live.query('COMMIT');
        return { tables, ms: Date.now() - started };
    }
    catch (error) {
        await live.query('ROLLBACK').catch(() => undefined);
        const where = current ? ` while undoing the changes to ${current.table}` : '';
        throw new Error(`the undo failed${where}; nothing was changed on ${plan.branch.name} (the transaction was rolled back): ${error.message}`);
    }
    finally {
        await Promise.all([before, after, live].map((client) => client.end().catch(() => undefined)));
    }
}
/** Stages the rows the diff finds changed, then runs the three statements and reads what is left as conflicts. */
async function undoTable(before, after, live, table) {
    const { target } = table;
    await live.query((0,_changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .stagingTableSql */ .I)(target));
    const writer = (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .copyWriter */ .XS)(live, (0,_changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .stagingCopySql */ .Rg)(target));
    const stage = async (kind, old, now) => {
        if (kind !== 'inserted')
            await writer.write((0,_changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .stagingLine */ .GE)('l', old));
        if (kind !== 'deleted')
            await writer.write((0,_changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .stagingLine */ .GE)('b', now));
    };
    let diff;
    try {
        diff = await (0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .diffTable */ .Y8)(before, after, table, stage);
    }
    finally {
        // Ended whatever happened, so the connection leaves COPY mode and the rollback can run.
        await writer.end().catch((error) => {
            if (diff)
                throw error;
        });
    }
    for (const sql of (0,_changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .stagingIndexSql */ .qZ)(target))
        await live.query(sql);
    const statements = (0,_changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .undoSql */ .PR)(target);
    const count = async (sql) => (await live.query(sql)).rows[0].count;
    const restored = await count(statements.restore);
    const reverted = await count(statements.revert);
    const removed = await count(statements.remove);
    const conflicts = (await live.query((0,_changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .conflictsSql */ .uc)(target))).rows[0];
    return { table: table.table, diff, restored, reverted, removed, conflicts };
}


/***/ })

};
