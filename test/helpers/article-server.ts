import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A news page with a headline, an outlet and quotes, as a site would serve it. */
export function articlePage(slug: string, headline: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${headline} | Riverside Post</title>
<meta property="og:site_name" content="Riverside Post"><meta property="og:title" content="${headline}">
<meta name="author" content="Jo Reporter"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>${headline}</h1>
<p>The river authority said on Monday that 3,200 homes along the Wend valley were now protected by the new flood wall, which cost £18 million to build (${slug}).</p>
<p>“This wall will keep families safe for the next fifty years,” said Priya Natarajan, the authority’s chief engineer. “We have tested it against the worst floods on record.”</p>
<p>Residents were less certain. “We were promised this ten years ago,” said Tom Hale, who chairs the Wend Residents Association. He added that at least 40 homes upstream were still at risk.</p>
<p>The authority said a second phase, costing almost £6 million, would begin next spring if funding was approved by the council.</p>
</article>
<footer><p>© Riverside Post. Sign up for our newsletter.</p></footer></body></html>`;
}

export interface ArticleServer {
  url: string;
  port: number;
  /** paths requested so far, in order */
  requests: string[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A local HTTP server on 127.0.0.1 with the cases adding by URL must handle: an article, redirects, a slow answer,
 * a huge one, a 404, a binary type, a Latin-1 text. Extra routes may be passed in.
 */
export async function startArticleServer(extra: Record<string, Handler> = {}): Promise<ArticleServer> {
  const requests: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, f: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      f();
    }, ms);
    timers.add(t);
  };
  const html =
    (body: string, status = 200) =>
    (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
  const routes: Record<string, Handler> = {
    '/news/flood-wall.html': html(articlePage('flood-wall', 'Flood wall protects 3,200 homes')),
    '/news/second.html': html(articlePage('second', 'Second phase of flood wall planned')),
    '/news/third.html': html(articlePage('third', 'Residents question flood wall promise')),
    '/old/flood': (_req, res) => {
      res.writeHead(301, { location: '/go/second' });
      res.end();
    },
    '/go/second': (_req, res) => {
      res.writeHead(302, { location: '/news/second.html' });
      res.end();
    },
    '/loop': (_req, res) => {
      res.writeHead(302, { location: '/loop' });
      res.end();
    },
    '/slow': (_req, res) => later(5000, () => html(articlePage('slow', 'Slow page'))(_req, res)),
    '/slow-body': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>The start of a page that never ends');
      const drip = () => {
        if (res.destroyed) return;
        res.write(' and more');
        later(200, drip);
      };
      later(200, drip);
    },
    '/huge-declared': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': 50 * 1024 * 1024 });
      res.write('<html><body>');
      later(3000, () => res.destroy());
    },
    '/huge-chunked': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = `${'A very long line of text. '.repeat(40)}\n`;
      let sent = 0;
      const pump = () => {
        while (!res.destroyed && sent < 20 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    },
    '/missing': html('<html><body><h1>Not found</h1></body></html>', 404),
    '/image.png': (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    },
    '/latin1.txt': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' });
      res.end(Buffer.from('Café owners welcome new rules\n\n"The rules are fair," said René Dubois, who runs a café on the square.\n', 'latin1'));
    },
    ...extra,
  };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const route = routes[path];
    if (route) route(req, res);
    else html('<html><body>no such page</body></html>', 404)(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
