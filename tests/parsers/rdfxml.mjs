// RDF/XML on stdin -> {"triples":[{subject, predicate, object}]} on stdout, each term {termType, value[, language, datatype]}.
// Parsed by rdfxml-streaming-parser, an RDF/XML parser that knows nothing of the portal.
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { readStdin, fail } from './stdin.mjs';

const term = (t) => {
  const out = { termType: t.termType, value: t.value };
  if (t.termType === 'Literal') {
    out.language = t.language;
    out.datatype = t.datatype ? t.datatype.value : null;
  }
  return out;
};

try {
  const text = await readStdin();
  const triples = [];
  // No baseIRI: a relative IRI in the document would not resolve, and the tests want absolute ones only.
  const parser = new RdfXmlParser({ strict: true });
  await new Promise((resolve, reject) => {
    parser.on('data', (q) => triples.push({ subject: term(q.subject), predicate: term(q.predicate), object: term(q.object) }));
    parser.on('error', reject);
    parser.on('end', resolve);
    parser.write(text);
    parser.end();
  });
  if (triples.length === 0) {
    fail('rdfxml', 'the document holds no triples');
  }
  process.stdout.write(JSON.stringify({ triples }));
} catch (error) {
  fail('rdfxml', error);
}
