// An Atom (or RSS) feed on stdin -> {"meta":{...}, "entries":[...]} on stdout, as feedparser reads it.
import FeedParser from 'feedparser';
import { Readable } from 'node:stream';
import { readStdin, fail } from './stdin.mjs';

const date = (d) => (d instanceof Date && !isNaN(d) ? d.toISOString() : null);

try {
  const text = await readStdin();
  const entries = [];
  let meta = null;
  await new Promise((resolve, reject) => {
    const parser = new FeedParser({ normalize: true, addmeta: false });
    parser.on('error', reject);
    parser.on('meta', (m) => { meta = m; });
    parser.on('readable', function () {
      let item;
      while ((item = this.read())) {
        entries.push({
          id: item.guid,
          title: item.title,
          link: item.link,
          summary: item.summary,
          description: item.description,
          published: date(item.pubdate),
          updated: date(item.date),
          author: item.author,
          categories: item.categories,
        });
      }
    });
    parser.on('end', resolve);
    Readable.from([text]).pipe(parser);
  });
  if (!meta) {
    fail('atom', 'not a feed');
  }
  process.stdout.write(JSON.stringify({
    meta: {
      type: meta['#type'],
      id: meta['atom:id'] ? meta['atom:id']['#'] : null,
      title: meta.title,
      link: meta.link,
      xmlUrl: meta.xmlurl,
      updated: date(meta.date),
      author: meta.author,
      language: meta.language,
    },
    entries,
  }));
} catch (error) {
  fail('atom', error);
}
