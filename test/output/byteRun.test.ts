import { ByteRun } from '../../src/output/package/byteRun';

/** What a run holds once `write` has been applied to it, as text. */
function written(write: (run: ByteRun) => void, initialSize?: number): string {
  const run = new ByteRun(initialSize);
  write(run);
  return run.take().toString('utf8');
}

describe('ByteRun', () => {
  it('writes every number as String() does, whole ones digit by digit', () => {
    const numbers = [0, -0, 7, 10, 99, 100, 12345, -1, -10, -987654, 2 ** 31, 2 ** 32 + 1, 999999999999999, -999999999999999, 1e15, -1e15, 1e21, 1.5, 0.1 + 0.2, -2.857142857142857, 1e-7, 5e-324, Number.MAX_VALUE];
    for (let i = 0; i < 2000; i++) numbers.push(Math.round((Math.random() - 0.5) * 10 ** (1 + (i % 16))), (Math.random() - 0.5) * 10 ** (i % 12));
    for (const n of numbers) expect(written((run) => run.number(n))).toBe(String(n));
  });

  it('writes text as UTF-8 and grows past its first buffer without losing what it holds', () => {
    const pieces = ['桃花仑社区', '<c r="A2">', '𠀀 emoji 😀', 'x'.repeat(300)];
    const expected = pieces.join('').repeat(20);
    expect(written((run) => {
      for (let i = 0; i < 20; i++) {
        run.text(pieces[0]);
        run.ascii(pieces[1]);
        run.text(pieces[2]);
        run.bytes(Buffer.from(pieces[3], 'latin1'));
      }
    }, 16)).toBe(expected);
  });

  it('hands its bytes over: what was taken is not changed by later writing', () => {
    const run = new ByteRun(8);
    run.ascii('first');
    const first = run.take();
    run.ascii('second, longer than the first buffer');
    expect(first.toString('latin1')).toBe('first');
    expect(run.take().toString('latin1')).toBe('second, longer than the first buffer');
    expect(run.length).toBe(0);
  });
});
