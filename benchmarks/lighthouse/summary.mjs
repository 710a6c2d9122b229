// Prints one Markdown row per Lighthouse JSON report (benchmarks/lighthouse.sh). Chromium asks for
// "gzip, deflate, br, zstd" also over http on loopback, so the transfer sizes are what a browser receives.
import { readFileSync } from 'node:fs';

const kb = bytes => (bytes / 1024).toFixed(1);

console.log('| Page | Performance (target ≥ 95) | Accessibility (target 100) | LCP s | First visit KB (target ≤ 110) | HTML KB (target ≤ 30) | Requests | Largest transfers |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|');
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const requests = report.audits['network-requests'].details.items;
  const page = new URL(report.finalDisplayedUrl ?? report.finalUrl);
  const documentRequest = requests.find(r => r.resourceType === 'Document') ?? requests[0];
  const largest = [...requests].sort((a, b) => b.transferSize - a.transferSize).slice(0, 3)
    .map(r => `${new URL(r.url).pathname.split('/').pop() || '/'} ${kb(r.transferSize)}`).join(', ');
  const score = name => Math.round(report.categories[name].score * 100);
  console.log(`| \`${page.pathname}\` | ${score('performance')} | ${score('accessibility')} | ` +
    `${(report.audits['largest-contentful-paint'].numericValue / 1000).toFixed(1)} | ` +
    `${kb(report.audits['total-byte-weight'].numericValue)} | ${kb(documentRequest.transferSize)} | ${requests.length} | ${largest} |`);
}
