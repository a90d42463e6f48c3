/**
 * The baseline of the receiver benchmark: a bare Koa server, run as its own process like Deputy's
 * web process, that reads the whole request body and answers 200 with a small JSON body. The
 * difference between the two is what Deputy's receiver adds: signature, parsing, Redis, BullMQ.
 */
import { createServer } from 'node:http';
import Koa from 'koa';

const port = Number(process.argv[2] ?? 0);
const app = new Koa();

app.use(async (ctx) => {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  ctx.status = 200;
  ctx.body = { outcome: 'queued', bytes: body.length };
});

const server = createServer(app.callback());
// The same keep-alive as Deputy's web process, so both keep their connections alike.
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`bare koa listening on ${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
