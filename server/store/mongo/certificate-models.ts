import type { ClientSession, Connection } from 'mongoose';
import { certificateEventSchema, certificateSchema, counterSchema, customsDocumentSchema, logLeafSchema, logSubtreeSchema, signingKeySchema } from './certificate-schemas.ts';
import { registerEntrySchema } from './register-schema.ts';

/** The certificate collections' models, bound to the store's connection (spread into createModels). */
export function createCertificateModels(connection: Connection) {
  return {
    Counter: connection.model('Counter', counterSchema),
    SigningKey: connection.model('SigningKey', signingKeySchema),
    Certificate: connection.model('Certificate', certificateSchema),
    CertificateEvent: connection.model('CertificateEvent', certificateEventSchema),
    LogLeaf: connection.model('LogLeaf', logLeafSchema),
    LogSubtree: connection.model('LogSubtree', logSubtreeSchema),
    CustomsDocument: connection.model('CustomsDocument', customsDocumentSchema),
    CertificateRegister: connection.model('CertificateRegister', registerEntrySchema),
  };
}

export type CertificateModels = ReturnType<typeof createCertificateModels>;

/** Increments a counter document in the session's transaction and returns its new value (1 on first use). */
export async function incrementCounter(Counter: CertificateModels['Counter'], id: string, session: ClientSession | null): Promise<number> {
  const doc = await Counter.findOneAndUpdate({ _id: id }, { $inc: { value: 1 } }, { upsert: true, new: true, ...(session ? { session } : {}) }).lean();
  return doc!.value;
}
