import { scoreRow, perfect, score, inputsForTotal } from './helpers';
test('sanity', () => {
  const a = scoreRow();
  console.log(JSON.stringify(a.month), a.result.errors, a.result.warnings);
  const b = scoreRow({ type: '村' });
  console.log(JSON.stringify(b.month));
  const c = score([perfect({ ...inputsForTotal(92.285) })]);
  console.log(JSON.stringify(c.units[0].months[0].total), c.units[0].annual);
});
