// A user's theory file in a link: the text deflated (fflate, raw DEFLATE) and written in base64url, so a
// shared URL reproduces the theory (a 6-term file of ~3 kB becomes ~1.2 kB of URL).
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

export function packTheory(text: string): string {
  const bytes = deflateSync(strToU8(text), { level: 9 });
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The text of a packed theory; throws an Error saying the link is damaged. */
export function unpackTheory(packed: string): string {
  try {
    const bin = atob(packed.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return strFromU8(inflateSync(bytes));
  } catch (e) {
    throw new Error(`the link's theory (URL parameter theory, ${packed.length} characters) is damaged: ${e instanceof Error ? e.message : String(e)}`);
  }
}
