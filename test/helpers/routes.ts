import type { Express } from 'express';

export interface Route {
  method: string;
  /** As registered, e.g. `/api/feedback/:id`. */
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every route the app answers, read from its router (Express 5's `app.router.stack`), so
 * that a test over "every route" also covers the routes added after it was written.
 */
export function routesOf(app: Express): Route[] {
  const routes = new Map<string, Route>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) {
          for (const method of Object.keys(layer.route.methods)) routes.set(`${method} ${path}`, { method: method.toUpperCase(), path });
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return [...routes.values()];
}
