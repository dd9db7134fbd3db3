// Matches "METHOD /path" against route patterns (":name" segments), telling "no such path" from "wrong method".
import type { Route } from './rest-types.ts';

interface CompiledRoute {
  route: Route;
  regex: RegExp;
  names: string[];
}

export type RouteMatch =
  { kind: 'found'; route: Route; params: Record<string, string> } | { kind: 'wrong-method' } | { kind: 'not-found' };

export interface Router {
  match(method: string, path: string): RouteMatch;
}

export function createRouter(routes: Route[]): Router {
  const compiled: CompiledRoute[] = routes.map((route) => {
    const names: string[] = [];
    const source = route.pattern
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\@]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { route, regex: new RegExp(`^${source}/?$`), names };
  });
  return {
    match(method, path) {
      let pathExists = false;
      for (const { route, regex, names } of compiled) {
        const found = regex.exec(path);
        if (!found) continue;
        pathExists = true;
        if (route.method !== method) continue;
        const params = Object.fromEntries(
          names.map((name, index) => [name, decodeURIComponent(found[index + 1] ?? '')]),
        );
        return { kind: 'found', route, params };
      }
      return pathExists ? { kind: 'wrong-method' } : { kind: 'not-found' };
    },
  };
}
