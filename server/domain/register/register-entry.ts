import type { CertificateEventRecord, CertificateRecord, RegisterRecord, StoreTransaction } from '../../store/port.ts';
import { decodeJws } from '../credentials/jws.ts';
import { hsDigitsOf, registerKey } from './register-keys.ts';
import { recordedStatus } from '../certificates/status.ts';

type Json = Record<string, unknown>;
const objectAt = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
// A credential signed by an older version may lack a field: the register then shows it empty rather than failing.
const textAt = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * A certificate's register row: the product and standard exactly as its signed credential states them
 * (credentialSubject.product and .standard), and the recorded status with the reason and date of the last
 * suspension, reinstatement or revocation (null while there was none).
 */
export function registerRecordOf(certificate: CertificateRecord, events: CertificateEventRecord[]): RegisterRecord {
  const credential = decodeJws(certificate.jws)?.json;
  if (!credential) throw new Error(`certificate ${certificate.number} holds an unreadable JWS`);
  const subject = objectAt(credential.credentialSubject);
  const product = objectAt(subject.product);
  const standard = objectAt(subject.standard);
  const manufacturer = textAt(objectAt(product.manufacturer).name);
  const model = textAt(product.model) || certificate.model;
  const hsCode = textAt(product.hsCode) || certificate.hsCode;
  const change = events.filter((event) => event.action !== 'issued').at(-1);
  return {
    number: certificate.number,
    jurisdiction: certificate.jurisdiction,
    status: recordedStatus(events),
    statusReason: change?.reason ?? null,
    statusAt: change?.at ?? null,
    manufacturer,
    brand: textAt(product.brand),
    model,
    variants: Array.isArray(product.variants) ? product.variants.filter((variant): variant is string => typeof variant === 'string') : [],
    hsCode,
    standardCode: textAt(standard.code),
    standardVersion: textAt(standard.version),
    issuedAt: certificate.issuedAt,
    validUntil: certificate.validUntil,
    manufacturerKey: registerKey(manufacturer),
    modelKey: registerKey(model),
    hsDigits: hsDigitsOf(hsCode),
  };
}

/** Writes the certificate's register row in the caller's transaction (after its issuance or a status change). */
export async function recordInRegister(tx: StoreTransaction, certificate: CertificateRecord, events: CertificateEventRecord[]): Promise<void> {
  await tx.register.put(registerRecordOf(certificate, events));
}
