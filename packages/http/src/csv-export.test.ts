import { describe, expect, it } from 'vitest';
import { csvExportStringifier } from './csv-export.js';

async function exportLines(rows: Record<string, unknown>[]): Promise<string[]> {
  const csv = csvExportStringifier(['id', 'text', 'amount']);
  const chunks: Buffer[] = [];
  csv.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => csv.on('end', resolve));
  for (const row of rows) csv.write(row);
  csv.end();
  await done;
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\n');
}

describe('csvExportStringifier', () => {
  it('neutralises every cell a spreadsheet would read as a formula', async () => {
    const formulas = ['=1+1', '+1', '-1+2', '@SUM(A1)', '\t=1', '＝1', '＋1', '－1', '＠1'];
    const lines = await exportLines(formulas.map((text) => ({ id: 'x', text, amount: 5 })));
    expect(lines.slice(1, -1)).toEqual(formulas.map((text) => `x,'${text},5`));
  });

  it('neutralises a leading carriage return inside the quoted cell', async () => {
    const lines = await exportLines([{ id: 'x', text: '\r=1', amount: 5 }]);
    expect(lines.slice(1).join('\n')).toBe(`x,"'\r=1",5\n`);
  });

  it('leaves ordinary text, negative numbers and the header alone', async () => {
    const lines = await exportLines([{ id: 'a', text: '张三, "Ltd"', amount: -12 }]);
    expect(lines).toEqual(['id,text,amount', 'a,"张三, ""Ltd""",-12', '']);
  });
});
