/**
 * Conformance engine throughput against plain ajv, in one run (`npm run bench`).
 *
 * A realistic standard (~40 clauses: properties, items, if/then/else, anyOf, allOf, $ref into a
 * second document) is checked with conforming and failing specs by:
 *   - raw ajv: `validate()` of the same schema compiled by a plain ajv (same options, the x-
 *     keywords as bare annotations, no engine code): the verdict only;
 *   - engine core: verdict + clause results (what evaluateCore returns; a conforming spec's
 *     results come from the engine's cache of results per set of evaluated clauses, as in check());
 *   - engine full: check(), i.e. core + findings with en/ru/fa messages + specHash (a SHA-256 of
 *     the RFC 8785 canonical JSON of the spec) + report assembly.
 * After a warm-up of every path, each path is compared with raw ajv over the same specs in several
 * short rounds where the two take turns (see round), so both see the same machine. A ratio is taken
 * within each round (engine rate / raw rate of that round); the figures printed are medians over
 * the rounds, with the range of the ratios. The whole run takes a few seconds.
 */
import { createEngineAjv } from '../server/domain/conformance/ajv-factory.ts';
import { evaluateCore } from '../server/domain/conformance/standard-runtime.ts';
import { createConformanceEngine, specHash } from '../server/domain/conformance/index.ts';

type Json = Record<string, unknown>;
const commonId = 'urn:irru:std:BENCH-COMMON:1.0.0';
const text = (en: string): Json => ({ en, ru: `${en} (ru)`, fa: `${en} (fa)` });
const clause = (id: string, title: string, schema: Json): Json => ({ 'x-clause': id, 'x-title': text(title), ...schema });

const common: Json = {
  $id: commonId,
  $defs: {
    hsCode: clause('C.1', 'HS code', { type: 'string', pattern: '^85[0-9]{2}\\.[0-9]{2}$' }),
    country: clause('C.2', 'Country', { type: 'string', pattern: '^[A-Z]{2}$' }),
    text3: clause('C.3', 'Trilingual text', {
      type: 'object',
      required: ['en', 'ru', 'fa'],
      properties: { en: { type: 'string', minLength: 1 }, ru: { type: 'string', minLength: 1 }, fa: { type: 'string', minLength: 1 } },
    }),
    identification: clause('C.4', 'Identification', {
      type: 'object',
      required: ['manufacturer', 'model', 'hsCode', 'origin'],
      properties: {
        manufacturer: clause('C.4.1', 'Manufacturer', { type: 'string', minLength: 2 }),
        model: clause('C.4.2', 'Model', { type: 'string', minLength: 1, maxLength: 64 }),
        hsCode: { $ref: '#/$defs/hsCode' },
        origin: { $ref: '#/$defs/country' },
        name: { $ref: '#/$defs/text3' },
      },
    }),
  },
};

const range = (id: string, title: string, min: number, max: number, unit: string): Json =>
  clause(id, title, { type: 'number', minimum: min, maximum: max, 'x-unit': unit });

const standard: Json = clause('1', 'Wireless router', {
  type: 'object',
  required: ['identification', 'radio', 'power', 'ports', 'emc', 'safety', 'security'],
  properties: {
    identification: clause('2', 'Identification', { $ref: `${commonId}#/$defs/identification` }),
    radio: clause('3', 'Radio', {
      type: 'object',
      required: ['wifi', 'bands'],
      properties: {
        wifi: clause('3.1', 'Wi-Fi generation', { enum: [5, 6, 7] }),
        bands: clause('3.2', 'Bands', { type: 'array', minItems: 1, items: clause('3.2.1', 'Band', { enum: ['2.4', '5', '6'] }) }),
        eirp: range('3.3', 'EIRP', 0, 30, 'dBm'),
        channels: clause('3.4', 'Channels', { type: 'array', items: { type: 'integer', minimum: 1, maximum: 233 } }),
      },
      if: clause('3.5', 'Wi-Fi 6E or later', { properties: { wifi: { minimum: 6 } } }),
      then: clause('3.6', 'DFS required', { required: ['dfs'], properties: { dfs: { const: true } } }),
      else: clause('3.7', 'Legacy bands', { properties: { bands: { items: { enum: ['2.4', '5'] } } } }),
    }),
    power: clause('4', 'Power supply', {
      type: 'object',
      anyOf: [
        clause('4.1', 'Mains', { required: ['mainsVoltage'], properties: { mainsVoltage: range('4.1.1', 'Mains voltage', 100, 240, 'V') } }),
        clause('4.2', 'PoE', { required: ['poeClass'], properties: { poeClass: clause('4.2.1', 'PoE class', { type: 'integer', minimum: 0, maximum: 8 }) } }),
      ],
      properties: { consumption: range('4.3', 'Consumption', 0, 60, 'W') },
    }),
    ports: clause('5', 'Ports', {
      type: 'array',
      maxItems: 16,
      items: clause('5.1', 'Port', {
        type: 'object',
        required: ['kind', 'speed'],
        properties: {
          kind: clause('5.1.1', 'Port kind', { enum: ['rj45', 'sfp', 'usb'] }),
          speed: range('5.1.2', 'Port speed', 10, 100000, 'Mbit/s'),
          poe: clause('5.1.3', 'PoE out', { type: 'boolean' }),
        },
      }),
    }),
    emc: clause('6', 'EMC', {
      type: 'object',
      required: ['emissionClass', 'immunity'],
      properties: {
        emissionClass: clause('6.1', 'Emission class', { enum: ['A', 'B'] }),
        immunity: clause('6.2', 'Immunity', { type: 'string', pattern: '^EN 55035' }),
        esd: range('6.3', 'ESD level', 2, 15, 'kV'),
      },
    }),
    safety: clause('7', 'Electrical safety', {
      type: 'object',
      required: ['standard', 'ipRating'],
      properties: {
        standard: clause('7.1', 'Safety standard', { enum: ['IEC 62368-1'] }),
        ipRating: clause('7.2', 'IP rating', { type: 'string', pattern: '^IP[0-6][0-9]$' }),
        temperature: range('7.3', 'Operating temperature', -40, 70, '°C'),
      },
    }),
    security: clause('8', 'Cybersecurity', {
      type: 'object',
      allOf: [
        clause('8.1', 'No default passwords', { required: ['uniquePasswords'], properties: { uniquePasswords: { const: true } } }),
        clause('8.2', 'Update support', { required: ['supportYears'], properties: { supportYears: { type: 'integer', minimum: 3 } } }),
      ],
      properties: { tls: clause('8.3', 'TLS', { enum: ['1.2', '1.3'] }) },
    }),
    labels: clause('9', 'Labels', { type: 'array', items: { type: 'string' }, contains: clause('9.1', 'Conformity mark', { const: 'IRRU' }) }),
  },
});

function conformingSpec(i: number): Json {
  return {
    identification: { manufacturer: `Maker ${i}`, model: `R${i}`, hsCode: '8517.62', origin: 'IR', name: text(`Router ${i}`) },
    radio: i % 2 === 0 ? { wifi: 6, bands: ['2.4', '5', '6'], dfs: true, eirp: 20, channels: [1, 6, 36] } : { wifi: 5, bands: ['2.4', '5'], eirp: 18 },
    power: i % 3 === 0 ? { poeClass: 4, consumption: 12 } : { mainsVoltage: 230, consumption: 15 },
    ports: Array.from({ length: 1 + (i % 4) }, (_, p) => ({ kind: p === 0 ? 'sfp' : 'rj45', speed: 1000, poe: p === 1 })),
    emc: { emissionClass: 'B', immunity: 'EN 55035:2017', esd: 8 },
    safety: { standard: 'IEC 62368-1', ipRating: 'IP20', temperature: 40 },
    security: { uniquePasswords: true, supportYears: 5, tls: '1.3' },
    labels: ['CE', 'IRRU'],
  };
}

const breakers: ((spec: Json) => void)[] = [
  (s) => ((s.identification as Json).hsCode = '9999.99'),
  (s) => (s.radio = { ...(s.radio as Json), wifi: 6, dfs: false }),
  (s) => (s.power = { consumption: 10 }),
  (s) => ((s.ports as Json[])[0] = { kind: 'serial', speed: 5 }),
  (s) => delete s.emc,
  (s) => ((s.safety as Json).ipRating = 'IPX4'),
  (s) => (s.security = { supportYears: 1 }),
  (s) => (s.labels = ['CE']),
];

function failingSpec(i: number): Json {
  const spec = conformingSpec(i);
  breakers[i % breakers.length]?.(spec);
  if (i % 3 === 0) breakers[(i + 3) % breakers.length]?.(spec);
  return spec;
}

const conforming = Array.from({ length: 24 }, (_, i) => conformingSpec(i));
const failing = Array.from({ length: 24 }, (_, i) => failingSpec(i));

const plain = createEngineAjv('plain');
plain.addSchema(common);
const raw = plain.compile(standard);
const engine = createConformanceEngine();
const prepared = engine.prepare({ code: 'BENCH', version: '1.0.0', contentHash: 'bench', schema: standard }, [common]);

for (const spec of conforming) if (raw(spec) !== true || !engine.check(prepared, spec).conforms) throw new Error('a conforming spec fails');
for (const spec of failing) if (raw(spec) !== false || engine.check(prepared, spec).conforms) throw new Error('a failing spec passes');

let sink = 0;
type Runs = Record<string, (spec: Json) => unknown>;

/**
 * Checks per second of each run over `specs` in one round of about `ms`: the runs take turns over
 * the whole set of specs (the order alternating between turns) and each is timed only during its
 * own turns, so they all see the same machine state.
 */
function round(runs: Runs, specs: Json[], ms: number): Record<string, number> {
  const entries = Object.entries(runs);
  const nanos = new Map<string, number>(entries.map(([name]) => [name, 0]));
  let turns = 0;
  const start = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - start) / 1e6 < ms) {
    for (const [name, run] of turns % 2 === 0 ? entries : [...entries].reverse()) {
      const t0 = process.hrtime.bigint();
      for (const spec of specs) if (run(spec)) sink++;
      nanos.set(name, (nanos.get(name) ?? 0) + Number(process.hrtime.bigint() - t0));
    }
    turns++;
  }
  return Object.fromEntries(entries.map(([name]) => [name, (turns * specs.length * 1e9) / (nanos.get(name) ?? 1)]));
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Median rates of raw and `path` over `rounds` rounds, and the median and range of their per-round ratio. */
function compare(runs: Runs, path: string, specs: Json[], rounds = 9, ms = 60): { raw: number; rate: number; ratio: number; min: number; max: number } {
  const perRound = Array.from({ length: rounds }, () => round(runs, specs, ms));
  const ratios = perRound.map((rates) => (rates[path] ?? 0) / (rates.raw ?? Infinity));
  return {
    raw: median(perRound.map((rates) => rates.raw ?? 0)),
    rate: median(perRound.map((rates) => rates[path] ?? 0)),
    ratio: median(ratios),
    min: Math.min(...ratios),
    max: Math.max(...ratios),
  };
}

const rawRun = (spec: Json): unknown => raw(spec);
// The core path is paired with raw ajv alone: the full path allocates heavily, and its garbage
// collection would otherwise land in the other runs' turns.
const groups: Record<'core' | 'full' | 'specHash', Runs> = {
  core: { raw: rawRun, core: (spec) => evaluateCore(prepared, spec).conforms },
  full: { raw: rawRun, full: (spec) => engine.check(prepared, spec).conforms },
  specHash: { raw: rawRun, specHash: (spec) => specHash(spec) },
};
for (const runs of Object.values(groups)) round(runs, [...conforming, ...failing], 150); // warm every path

const fmt = (n: number | undefined): string => Math.round(n ?? 0).toLocaleString('en-US').padStart(11);
const inDocument = prepared.clauses.filter((c) => c.pointer.startsWith(commonId)).length;
console.log(`standard: ${prepared.clauses.length} clauses (${inDocument} in the $ref-ed document); ${conforming.length} conforming and ${failing.length} failing specs`);
console.log('raw  = plain ajv validate() of the same schema (verdict only, stops at the first error)');
console.log('core = engine verdict + clause results');
console.log('full = engine check(): core + findings with en/ru/fa messages + specHash + report;');
console.log('       specHash is a SHA-256 of the RFC 8785 canonical JSON of the spec (canonicalize package), alone on its row\n');
console.log('medians of 9 rounds of ~60 ms, raw and engine taking turns; ratio = engine/raw within a round (min–max)\n');
console.log(`${'specs'.padEnd(11)} ${'path'.padEnd(9)} ${'raw ajv/s'.padStart(11)} ${'engine/s'.padStart(11)}  ratio  (range)`);
for (const [label, specs] of [['conforming', conforming], ['failing', failing]] as const) {
  for (const path of ['core', 'full', 'specHash'] as const) {
    const { raw: rawRate, rate, ratio, min, max } = compare(groups[path], path, specs);
    console.log(`${label.padEnd(11)} ${path.padEnd(9)} ${fmt(rawRate)} ${fmt(rate)}  ${ratio.toFixed(2)}   (${min.toFixed(2)}–${max.toFixed(2)})`);
  }
}
console.log('\nfailing specs: the engine re-validates with allErrors to attribute every failure, then folds wrappers.');
if (sink < 0) console.log(sink);
