import { settleBoth } from '../../src/concurrency';

describe('settleBoth', () => {
  it('gives both results, or the first failure once the other has finished', async () => {
    await expect(settleBoth(Promise.resolve(1), Promise.resolve('b'))).resolves.toEqual([1, 'b']);

    let secondFinished = false;
    const slowSecond = new Promise<string>((resolve) =>
      setTimeout(() => {
        secondFinished = true;
        resolve('late');
      }, 20),
    );
    await expect(settleBoth(Promise.reject(new Error('draft')), slowSecond)).rejects.toThrow(
      'draft',
    );
    expect(secondFinished).toBe(true);
    await expect(
      settleBoth(Promise.reject(new Error('first')), Promise.reject(new Error('second'))),
    ).rejects.toThrow('first');
  });
});
