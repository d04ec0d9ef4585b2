import type { Store } from '../../store/port.ts';
import { registerRecordOf } from './register-entry.ts';

/** Certificates registered per transaction: short transactions, so the writer queue never waits long behind one. */
const batchSize = 500;

/**
 * Gives every certificate that has no public register row yet (issued before the register existed) its row,
 * from its signed credential and its events, in batches of one transaction each. Idempotent and cheap when
 * nothing is missing (two counts); run at start-up, before requests are served. Returns how many were added.
 */
export async function registerUnregisteredCertificates(store: Store): Promise<number> {
  let added = 0;
  let previous: string | undefined;
  for (;;) {
    const numbers = await store.register.unregistered(batchSize);
    if (numbers.length === 0) return added;
    // A store that wrote nothing for a batch would hand the same numbers back for ever.
    if (numbers[0] === previous) throw new Error(`the register did not take certificate ${previous}`);
    previous = numbers[0];
    await store.transaction(async (tx) => {
      for (const number of numbers) {
        const certificate = await tx.certificates.get(number);
        if (certificate) await tx.register.put(registerRecordOf(certificate, await tx.certificates.events(number)));
      }
    });
    added += numbers.length;
  }
}
