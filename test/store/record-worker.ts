// Records runs into a shared history database from its own process (the concurrency test).
import { History } from '../../src/store/history.js';
import { mac, syntheticReport } from '../reports.js';

const [path, n, count] = process.argv.slice(2);
for (let i = 0; i < Number(count); i++) {
  // Open and close each time, as separate `jidoctor diagnose` runs do.
  const h = History.open(path!, { create: true })!;
  h.record(syntheticReport([{ subjects: [mac('BASE')] }, { subjects: [mac(`M${i}`)] }], { tenant: `tenant-${n}` }));
  h.close();
}
