import type { Request } from 'express';
import { currentCheckpoint } from '../../domain/ledger/checkpoints.ts';
import { DomainError } from '../../domain/errors.ts';
import { consistencyProof, inclusionProof, logEntries, maxEntriesPerPage } from '../../domain/ledger/transparency-log.ts';
import type { AppContext } from '../context.ts';
import type { RouteDef } from './route.ts';

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

/** The public transparency log: signed checkpoint, entries, inclusion and consistency proofs (RFC 9162 hashing, hex). */
export function logRoutes({ store, certificates }: AppContext): RouteDef[] {
  const tag = 'Transparency log';
  return [
    {
      method: 'get', path: '/log/checkpoint', tag, policy: 'log.read', summary: 'Tree size and root hash, signed by the log key and co-signed by the authorities',
      success: { status: 200, description: 'The signed checkpoint' },
      handler: async function getCheckpoint(req, res) {
        onlyParams(req, []);
        res.set('Cache-Control', 'no-store').json(await currentCheckpoint(certificates));
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
