import { numberPattern } from '../certificates/certificate-number.ts';

/**
 * What a QR code holds: a short verification URL, never the document itself.
 * Certificates: `${publicBaseUrl}/v/{number}#h=<credential sha256>`;
 * customs documents: `${publicBaseUrl}/v/{number}/customs/{id}#h=<attestation sha256>`.
 * The hash sits in the fragment, which browsers do not send, so the URL works as a plain link while a
 * verifier can still compare it with the registered hash.
 */
export function certificateVerificationUrl(publicBaseUrl: string, number: string, credentialHash: string): string {
  return `${publicBaseUrl}/v/${number}#h=${credentialHash}`;
}

/** The verification URL of a customs document. */
export function customsVerificationUrl(publicBaseUrl: string, number: string, id: string, attestationHash: string): string {
  return `${publicBaseUrl}/v/${number}/customs/${id}#h=${attestationHash}`;
}

/** A verification URL taken apart. */
export interface VerificationTarget {
  number: string;
  customsDocumentId: string | null;
  /** The hash in the fragment (lower-case hex), or null when the URL has none. */
  hash: string | null;
}

/** Parses a QR payload (any origin: the payload may come from another deployment's base URL); null when it is not one. */
export function parseVerificationUrl(payload: string): VerificationTarget | null {
  let url: URL;
  try {
    url = new URL(payload.trim());
  } catch {
    return null;
  }
  const match = /\/v\/([^/]+)(?:\/customs\/([A-Za-z0-9-]{1,64}))?$/.exec(url.pathname);
  if (!match || !numberPattern.test(match[1]!)) return null;
  const hash = /^#h=([0-9a-fA-F]{64})$/.exec(url.hash)?.[1]?.toLowerCase() ?? null;
  return { number: match[1]!, customsDocumentId: match[2] ?? null, hash };
}
