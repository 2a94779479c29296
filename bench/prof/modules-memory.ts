// Profiling (ADR 0031): the resident memory a process holds after importing each module in turn.
//   node --import tsx bench/prof/modules-memory.ts pdfkit exceljs ../../src/services.ts ../../src/app.ts
const rss = () => Math.round(process.memoryUsage().rss / 1048576);
console.log('start', rss(), 'MB');
for (const name of process.argv.slice(2)) {
  const started = performance.now();
  await import(name);
  console.log(name, rss(), 'MB', Math.round(performance.now() - started), 'ms');
}
