// Node-only: read the build-time derivation caches (dist/derived/<id>.json) written by `npm run build`.
import { readFileSync } from 'node:fs';
import { setCacheProvider } from '../models/registry.js';
import type { ModelCache } from '../engine/model.js';

export function useBuiltCaches(): void {
  setCacheProvider((id: string): ModelCache | undefined => {
    const url = new URL(`../../derived/${id}.json`, import.meta.url);
    if (!url.pathname.includes('/dist/')) return undefined; // running from source (tests): derive live
    try {
      return JSON.parse(readFileSync(url, 'utf8')) as ModelCache;
    } catch {
      return undefined;
    }
  });
}
