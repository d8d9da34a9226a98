import { choosePurchaseModel, dayNumber, fitBgNbd, summarizeTransactions, fitPurchaseModels } from '@crm/analytics';
import { readTransactionsFile } from '/work/wt-model13/packages/analytics/src/transactions-file.js';
const { transactions } = readTransactionsFile('/work/shared/data/cdnow/CDNOW_master.txt');
const cutoffDay = dayNumber('1997-09-30');
const s = summarizeTransactions(transactions, { cutoffDay });
let t = performance.now(); fitBgNbd(s); console.log('bgnbd', (performance.now() - t).toFixed(0));
for (const m of ['mbgnbd', 'bgcnbd', 'mbgcnbd'] as const) {
  t = performance.now(); const r = fitPurchaseModels([m], s).get(m) as any; console.log(m, (performance.now() - t).toFixed(0), r.logLikelihood, JSON.stringify(r.likelihoodByK ?? ''));
}
