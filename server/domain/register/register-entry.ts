import type { CertificateEventRecord, CertificateRecord, RegisterRecord, StoreTransaction } from '../../store/port.ts';
import { decodeJws } from '../credentials/jws.ts';
import { readCertificate } from '../credentials/credential-reading.ts';
import { hsDigitsOf, registerKey } from './register-keys.ts';
import { recordedStatus } from '../certificates/status.ts';

/**
 * A certificate's register row: the product and standard exactly as its signed credential states them
 * (readCertificate: the UNTP product and reference standard), and the recorded status with the reason and date of the last
 * suspension, reinstatement or revocation (null while there was none).
 */
export function registerRecordOf(certificate: CertificateRecord, events: CertificateEventRecord[]): RegisterRecord {
  const credential = decodeJws(certificate.jws)?.json;
  if (!credential) throw new Error(`certificate ${certificate.number} holds an unreadable JWS`);
  const { product, standard } = readCertificate(credential);
  const manufacturer = product?.manufacturer.name ?? '';
  const model = product?.model || certificate.model;
  const hsCode = product?.hsCode || certificate.hsCode;
  const change = events.filter((event) => event.action !== 'issued').at(-1);
  return {
    number: certificate.number,
    jurisdiction: certificate.jurisdiction,
    status: recordedStatus(events),
    statusReason: change?.reason ?? null,
    statusAt: change?.at ?? null,
    manufacturer,
    brand: product?.brand ?? '',
    model,
    variants: product?.variants ?? [],
    hsCode,
    standardCode: standard?.code ?? '',
    standardVersion: standard?.version ?? '',
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
