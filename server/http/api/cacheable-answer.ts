import { createHash } from 'node:crypto';
import type { Response } from 'express';

/** How long a shared cache (a reverse proxy at a border post) may serve a public answer before revalidating. */
export const publicAnswerMaxAgeSeconds = 5;

/**
 * Answers JSON that a reverse proxy may serve to anyone for a few seconds: `Cache-Control: public, max-age=5` and a
 * strong ETag, the SHA-256 of `identity` (the answer without what changes on every request, such as the time it
 * was checked). Express compares the ETag with `If-None-Match` (the `fresh` package) and answers 304 with no body
 * when they match.
 */
export function sendPublicAnswer(res: Response, body: unknown, identity: unknown = body): void {
  const etag = `"${createHash('sha256').update(JSON.stringify(identity)).digest('base64url')}"`;
  res.set({ 'Cache-Control': `public, max-age=${publicAnswerMaxAgeSeconds}`, ETag: etag });
  res.json(body);
}
