import type { ClientSession } from 'mongoose';
import type { OrganisationRecord, OrganisationRepository } from '../port.ts';
import { translateDuplicate } from './mongo-errors.ts';
import { sessionOptions, type Models } from './models.ts';

type OrganisationDoc = Omit<OrganisationRecord, 'id'> & { _id: string };

function toRecord(doc: OrganisationDoc | null): OrganisationRecord | null {
  return doc ? { id: doc._id, name: doc.name, kind: doc.kind, jurisdiction: doc.jurisdiction ?? null, createdAt: doc.createdAt } : null;
}

/** Organisations in MongoDB; with a session, every call joins that transaction. */
export function createOrganisationRepository({ Organisation }: Models, session: ClientSession | null): OrganisationRepository {
  const options = sessionOptions(session);
  return {
    async get(id) {
      return toRecord(await Organisation.findById(id, null, options).lean<OrganisationDoc>());
    },
    async findByName(name) {
      return toRecord(await Organisation.findOne({ name }, null, options).lean<OrganisationDoc>());
    },
    async insert(org) {
      await translateDuplicate(`organisation "${org.name}"`, () => Organisation.create([{ _id: org.id, name: org.name, kind: org.kind, jurisdiction: org.jurisdiction, createdAt: org.createdAt }], options));
    },
  };
}
