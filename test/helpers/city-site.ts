import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A page of a city's own site: its HTML and, if any, its Content-Security-Policy header. */
export interface CityPage {
  html: string;
  csp?: string;
}

export interface CitySite {
  url: string;
  /** Serves `page` at `path` from now on. */
  set(path: string, page: CityPage): void;
  close(): Promise<void>;
}

/** A city's web site on its own origin, serving the pages a test gives it (404 for others). */
export async function startCitySite(): Promise<CitySite> {
  const pages = new Map<string, CityPage>();
  const server = createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://city').pathname);
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      ...(page.csp && { 'Content-Security-Policy': page.csp }),
    });
    res.end(page.html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set: (path, page) => void pages.set(path, page),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
