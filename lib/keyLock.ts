/**
 * One task at a time per key within this process: the next task on a key starts when the one
 * before it has finished, whether it succeeded or failed. For state that is read, changed and
 * written back in steps (n8n's processed-data row, workflow static data). Pure, no n8n imports.
 */
export class KeyLock {
	private readonly tails = new Map<string, Promise<unknown>>();

	async run<T>(key: string, task: () => Promise<T> | T): Promise<T> {
		const previous = this.tails.get(key) ?? Promise.resolve();
		const run = previous.then(task, task);
		const tail = run.catch(() => undefined);
		this.tails.set(key, tail);
		try {
			return await run;
		} finally {
			if (this.tails.get(key) === tail) this.tails.delete(key);
		}
	}
}
