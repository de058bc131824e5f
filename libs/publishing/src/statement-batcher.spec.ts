import { batched } from './statement-batcher';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('batched', () => {
  it('sends a lone call at once, and gathers the calls made while a batch is in flight into the next one', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const double = batched(async (keys: readonly number[]) => {
      batches.push([...keys]);
      if (batches.length === 1) await gate;
      return keys.map((k) => k * 2);
    });

    const first = double(1);
    await tick();
    expect(batches).toEqual([[1]]);
    const rest = [double(2), double(3), double(4)];
    await tick();
    expect(batches).toEqual([[1]]); // still waiting for the first statement to return
    release();
    expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps no more than maxBatchSize keys in one statement', async () => {
    const sizes: number[] = [];
    const echo = batched(
      async (keys: readonly number[]) => {
        sizes.push(keys.length);
        return [...keys];
      },
      { maxBatchSize: 3 },
    );
    expect(await Promise.all([1, 2, 3, 4, 5, 6, 7].map(echo))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('when a whole statement fails, tries each key alone so only the bad one fails', async () => {
    const calls: number[][] = [];
    const parse = batched(async (keys: readonly string[]) => {
      calls.push(keys.map(Number));
      if (keys.some((k) => Number.isNaN(Number(k)))) throw new Error(`không đọc được: ${keys.join(',')}`);
      return keys.map(Number);
    });
    const results = await Promise.allSettled(['1', 'x', '3'].map(parse));
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('không đọc được: x') },
      { status: 'fulfilled', value: 3 },
    ]);
    expect(calls).toEqual([[1, NaN, 3], [1], [NaN], [3]]);
  });

  it('passes on an Error returned for one key without failing the others', async () => {
    const find = batched(async (keys: readonly number[]) => keys.map((k) => (k > 0 ? k : new Error(`không có ${k}`))));
    const results = await Promise.allSettled([find(5), find(-1)]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 5 });
    expect(results[1]).toEqual({ status: 'rejected', reason: new Error('không có -1') });
  });
});
