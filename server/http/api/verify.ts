import type { Request } from 'express';
import type { ShipmentDeclaration } from '../../domain/certificates/scope.ts';
import { verifyCertificate, type VerifyRequest } from '../../domain/certificates/verification.ts';
import type { AppContext } from '../context.ts';
import type { RouteDef } from './route.ts';

function shipmentOf(source: Record<string, unknown>): ShipmentDeclaration {
  const pick = (name: string) => (typeof source[name] === 'string' ? { [name]: source[name] as string } : {});
  return { ...pick('hsCode'), ...pick('model'), ...pick('serial') };
}

const queryOf = (req: Request) => req.query as Record<string, unknown>;

/** Public verification: integrity, issuer and status as three separate answers, plus log inclusion and scope. */
export function verifyRoutes({ certificates }: AppContext): RouteDef[] {
  const tag = 'Verification';
  return [
    {
      method: 'get', path: '/verify/{number}', tag, access: 'public', summary: 'Verify a certificate by number (?hsCode=&model=&serial= to check a shipment)',
      success: { status: 200, description: 'The verification (always 200: unknown numbers answer "unknown")' },
      async handler(req, res) {
        res.json(await verifyCertificate(certificates, { number: String(req.params.number), shipment: shipmentOf(queryOf(req)) }));
      },
    },
    {
      method: 'post', path: '/verify', tag, access: 'public', summary: 'Verify a compact JWS, a QR payload or a number (optionally a shipment)',
      body: 'urn:irru:api:verify-request',
      success: { status: 200, description: 'The verification' },
      async handler(req, res) {
        const body = req.body as VerifyRequest & Record<string, unknown>;
        res.json(await verifyCertificate(certificates, { ...(body.jws ? { jws: body.jws } : {}), ...(body.qr ? { qr: body.qr } : {}), ...(body.number ? { number: body.number } : {}), shipment: shipmentOf(body) }));
      },
    },
  ];
}
