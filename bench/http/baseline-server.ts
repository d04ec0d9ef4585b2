/**
 * The baseline of the HTTP benchmarks: a bare express 5 app, no other middleware. POST /echo parses the JSON body
 * with express.json() and answers a small JSON object (so the body is really read); GET /get answers one.
 * Listens on PORT (127.0.0.1) and prints "listening <port>" once it does.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';

const app = express();
app.use(express.json({ limit: '2mb' }));
app.post('/echo', function echoParsedBody(req, res) {
  res.json({ received: Object.keys((req.body ?? {}) as object).length });
});
app.get('/get', function answerSmallJson(_req, res) {
  res.json({ status: 'ok' });
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
