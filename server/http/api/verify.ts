import type { Request } from 'express';
import type { ShipmentDeclaration } from '../../domain/customs/scope.ts';
import { verifyCertificate, type VerifyRequest } from '../../domain/verification/verification.ts';
import { requireCertificateNumber } from '../../domain/verification/number-check.ts';
import { validateInput } from '../../input-schemas.ts';
import type { AppContext } from '../context.ts';
import type { RouteDef } from './route.ts';
import { sendPublicAnswer } from './cacheable-answer.ts';

function shipmentOf(source: Record<string, unknown>): ShipmentDeclaration {
  const pick = (name: string) => (typeof source[name] === 'string' ? { [name]: source[name] as string } : {});
  return { ...pick('hsCode'), ...pick('model'), ...pick('serial') };
}

/** The shipment in the query, validated: identifiers only, no other parameters (400 naming the parameter otherwise). */
const queryOf = (req: Request) => validateInput<Record<string, unknown>>('urn:irru:api:verify-query', { ...req.query });

/**
 * Public verification: one verdict (valid / invalid / unknown / foreign) with its reasons, the separate answers
 * behind it, and the certified product and validity. GET by number always answers 200 with a verdict (a number
 * that cannot exist is verdict `invalid`, reason `malformed_number` or `bad_check_digit`); a POSTed `number`
 * that cannot exist is bad input: 400 naming `/number` and the rule.
 */
export function verifyRoutes({ certificates }: AppContext): RouteDef[] {
  const tag = 'Verification';
  return [
    {
      method: 'get', path: '/verify/{number}', tag, policy: 'certificate.verify', summary: 'Verify a certificate by number (?hsCode=&model=&serial= to check a shipment)',
      success: { status: 200, description: 'The verification (always 200: a number that cannot exist or is not issued here answers verdict "invalid"); ETag of the answer without checkedAt, Cache-Control public for 5 s, 304 on If-None-Match' },
      handler: async function verifyByNumber(req, res) {
        const verification = await verifyCertificate(certificates, { number: String(req.params.number), shipment: shipmentOf(queryOf(req)) });
        const { checkedAt: _checkedAt, ...answer } = verification;
        sendPublicAnswer(res, verification, answer);
      },
    },
    {
      method: 'post', path: '/verify', tag, policy: 'certificate.verify', summary: 'Verify a compact JWS, a QR payload or a number (optionally a shipment)',
      body: 'urn:irru:api:verify-request',
      success: { status: 200, description: 'The verification' },
      handler: async function verifyPresented(req, res) {
        const body = req.body as VerifyRequest & Record<string, unknown>;
        if (body.number !== undefined) requireCertificateNumber(body.number, 'number');
        res.json(await verifyCertificate(certificates, { ...(body.jws ? { jws: body.jws } : {}), ...(body.qr ? { qr: body.qr } : {}), ...(body.number ? { number: body.number } : {}), shipment: shipmentOf(body) }));
      },
    },
  ];
}
