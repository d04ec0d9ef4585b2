import type { Request, Response } from 'express';
import { checkpointAt, checkpointKeys, currentCheckpoint } from '../../domain/ledger/checkpoints.ts';
import { DomainError } from '../../domain/errors.ts';
import { consistencyProof, inclusionProof, logEntries, maxEntriesPerPage } from '../../domain/ledger/transparency-log.ts';
import type { AppContext } from '../context.ts';
import type { RouteDef } from './route.ts';
import { buildOfflineBundle, bundleFreshnessHours } from '../../domain/verification/offline-bundle.ts';

/** A non-negative integer query parameter; undefined when absent, validation_failed when malformed. */
function intParam(req: Request, name: string): number | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,12}$/.test(value)) throw new DomainError('validation_failed', `query parameter "${name}" must be a non-negative integer`);
  return Number(value);
}

/** Refuses any query parameter the route does not take (`start[$gt]`, a misspelling), naming it, as the schema-checked queries do. */
function onlyParams(req: Request, names: readonly string[]): void {
  const unknown = Object.keys(req.query).find((name) => !names.includes(name));
  if (unknown !== undefined) throw new DomainError('validation_failed', `unknown query parameter "${unknown}"`, { errors: [{ path: `/${unknown}`, keyword: 'additionalProperties', message: 'is not a parameter of this route' }] });
}

function requiredInt(req: Request, name: string): number {
  const value = intParam(req, name);
  if (value === undefined) throw new DomainError('validation_failed', `query parameter "${name}" is required`);
  return value;
}

/** A tree size in a path: a decimal number without leading zeroes, like a checkpoint's size line. */
function sizeParam(req: Request): number {
  const value = String(req.params.size);
  if (!/^(?:0|[1-9][0-9]{0,14})$/.test(value)) throw new DomainError('validation_failed', 'the tree size must be a decimal number without leading zeroes', { errors: [{ path: '/size', keyword: 'pattern', message: 'must be a decimal number without leading zeroes' }] });
  return Number(value);
}

/** C2SP tlog-tiles §Checkpoints: a checkpoint is served as `text/plain; charset=utf-8`; so are the vkey lines. */
const noteType = 'text/plain; charset=utf-8';

function sendText(res: Response, cacheControl: string, text: string): void {
  res.set({ 'Content-Type': noteType, 'Cache-Control': cacheControl, 'X-Content-Type-Options': 'nosniff' }).send(text);
}

/**
 * The public transparency log: C2SP checkpoints (signed notes), the keys that verify them, entries, inclusion
 * and consistency proofs (RFC 9162 hashing, hex).
 */
export function logRoutes({ store, certificates }: AppContext): RouteDef[] {
  const tag = 'Transparency log';
  return [
    {
      method: 'get', path: '/log/checkpoint', tag, policy: 'log.read',
      summary: 'The latest checkpoint: a C2SP tlog-checkpoint signed note (origin, tree size, base64 root hash) signed by the log key and cosigned (tlog-cosignature) by the IR and RU witnesses',
      success: { status: 200, description: 'The signed note', contentType: noteType },
      handler: async function getLatestCheckpoint(req, res) {
        onlyParams(req, []);
        // tlog-tiles §Checkpoints: the endpoint is mutable, so no caching beyond a few seconds.
        sendText(res, 'public, max-age=5', (await currentCheckpoint(certificates)).note);
      },
    },
    {
      method: 'get', path: '/log/checkpoints/{size}', tag, policy: 'log.read',
      summary: 'The stored checkpoint of a tree size (signed note); every size the log signed stays available, so any two can be proven consistent',
      success: { status: 200, description: 'The signed note', contentType: noteType },
      handler: async function getStoredCheckpoint(req, res) {
        onlyParams(req, []);
        // A stored checkpoint never changes.
        sendText(res, 'public, max-age=31536000, immutable', (await checkpointAt(certificates, sizeParam(req))).note);
      },
    },
    {
      method: 'get', path: '/bundle', tag, policy: 'log.read',
      summary: `The signed offline bundle for border posts (DID documents, status lists, checkpoint); registry verify --offline refuses it as stale after ${bundleFreshnessHours} hours`,
      success: { status: 200, description: 'A compact JWS signed by the log key', contentType: 'application/jose' },
      handler: async function downloadOfflineBundle(req, res) {
        onlyParams(req, []);
        res.type('application/jose').set('Cache-Control', 'public, max-age=300').set('Content-Disposition', 'attachment; filename="irru-bundle.jws"').send(await buildOfflineBundle(certificates));
      },
    },
    {
      method: 'get', path: '/log/keys', tag, policy: 'log.read',
      summary: 'The note verifier keys (C2SP signed-note vkeys), one per line: the log key, then the active witness keys',
      success: { status: 200, description: 'One vkey per line', contentType: noteType },
      handler: async function listVerifierKeys(req, res) {
        onlyParams(req, []);
        const { keys } = await checkpointKeys(certificates);
        const active = keys.filter((key) => key.retiredAt === null);
        sendText(res, 'public, max-age=300', active.map((key) => `${key.vkey}\n`).join(''));
      },
    },
    {
      method: 'get', path: '/log/keys.json', tag, policy: 'log.read',
      summary: 'The note verifier keys described: role, name, signature type, key ID, public key, vkey, jurisdiction and dates (retired keys included)',
      success: { status: 200, description: 'The origin and the keys' },
      handler: async function describeVerifierKeys(req, res) {
        onlyParams(req, []);
        res.set('Cache-Control', 'public, max-age=300').json(await checkpointKeys(certificates));
      },
    },
    {
      method: 'get', path: '/log/entries', tag, policy: 'log.read', summary: `Leaves start … end-1 (at most ${maxEntriesPerPage})`,
      success: { status: 200, description: 'The entries with their leaf hashes' },
      handler: async function listLogEntries(req, res) {
        onlyParams(req, ['start', 'end']);
        const start = intParam(req, 'start') ?? 0;
        res.json(await logEntries(store.transparencyLog, start, intParam(req, 'end') ?? start + maxEntriesPerPage));
      },
    },
    {
      method: 'get', path: '/log/proof/inclusion', tag, policy: 'log.read', summary: 'Inclusion proof of a certificate\'s issuance leaf (?number=) or of a leaf (?leaf=), at ?size= or now',
      success: { status: 200, description: 'The audit path' },
      handler: async function proveInclusion(req, res) {
        onlyParams(req, ['size', 'leaf', 'number']);
        const size = intParam(req, 'size');
        let leaf = intParam(req, 'leaf');
        const number = typeof req.query.number === 'string' ? req.query.number : undefined;
        if ((leaf === undefined) === (number === undefined)) throw new DomainError('validation_failed', 'give exactly one of "number" or "leaf"');
        const events = number ? await store.certificates.events(number) : [];
        if (number) leaf = events.find((event) => event.action === 'issued')?.leafIndex;
        if (leaf === undefined) throw new DomainError('not_found', `no certificate ${number}`);
        res.json({ ...(number ? { number, leaves: events.map((event) => ({ action: event.action, leafIndex: event.leafIndex })) } : {}), ...(await inclusionProof(store.transparencyLog, leaf, size)) });
      },
    },
    {
      method: 'get', path: '/log/proof/consistency', tag, policy: 'log.read', summary: 'Consistency proof between tree sizes ?from= and ?to=',
      success: { status: 200, description: 'The consistency path' },
      handler: async function proveConsistency(req, res) {
        onlyParams(req, ['from', 'to']);
        res.json(await consistencyProof(store.transparencyLog, requiredInt(req, 'from'), requiredInt(req, 'to')));
      },
    },
  ];
}
