import DataLoader from 'dataloader';

/**
 * Gathers the same call made by many concurrent jobs into one statement. A batch goes out at once while
 * fewer than `inFlight` of its kind are running, otherwise as soon as one of them returns; so a quiet
 * worker adds no wait and a busy one sends fewer, larger statements. Under a storm Postgres's cost is
 * per statement (planning, round trip, commit), not per row.
 *
 * `run` answers each key in order, a value or an Error. If the whole statement fails (a deadlock with
 * another worker, one malformed key), each key is tried alone, so one bad item fails only its own job.
 */
export function batched<K, V>(
  run: (keys: readonly K[]) => Promise<Array<V | Error>>,
  { maxBatchSize = 500, inFlight = 1 }: { maxBatchSize?: number; inFlight?: number } = {},
): (key: K) => Promise<V> {
  const running = new Set<Promise<unknown>>();
  const loader = new DataLoader<K, V>(
    async (keys) => {
      const batch = runEach(run, keys);
      running.add(batch);
      try {
        return await batch;
      } finally {
        running.delete(batch);
      }
    },
    {
      cache: false,
      maxBatchSize,
      batchScheduleFn: (dispatch) => {
        if (running.size < inFlight) setImmediate(dispatch);
        else void Promise.race(running).then(dispatch, dispatch);
      },
    },
  );
  return (key) => loader.load(key);
}

async function runEach<K, V>(
  run: (keys: readonly K[]) => Promise<Array<V | Error>>,
  keys: readonly K[],
): Promise<Array<V | Error>> {
  try {
    return await run(keys);
  } catch (error) {
    if (keys.length === 1) return [error as Error];
    const results: Array<V | Error> = [];
    for (const key of keys)
      results.push(
        await run([key]).then(
          (r) => r[0],
          (e: Error) => e,
        ),
      );
    return results;
  }
}
