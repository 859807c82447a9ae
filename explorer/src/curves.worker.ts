// Web worker: loss curves of the pinned point for a few d, the envelope and the fitted frontier, by the
// PLRF deterministic-equivalent method (src/numeric/plrf/frontier.ts), off the page's main thread. The
// engine's exponents come with the request (the page computed them): this worker bundles no CAS.
import { plrfFrontier } from '../../src/numeric/plrf/frontier.js';
import type { CurveRequest, CurveReply } from './curves-protocol.js';

self.onmessage = (ev: MessageEvent<CurveRequest>) => {
  const { id, alpha, beta, dGrid, theory } = ev.data;
  const t0 = performance.now();
  let reply: CurveReply;
  try {
    const r = plrfFrontier({ alpha, beta, theory, dGrid, method: 'deterministic', approach: 1 });
    reply = {
      id,
      ok: true,
      ms: performance.now() - t0,
      curves: r.curves.map((c) => ({ d: c.d, flops: c.flops, loss: c.loss })),
      envelope: { flops: r.fit.envelope.flops, loss: r.fit.envelope.loss },
      fit: { xi: r.fit.xi, eta: r.fit.eta, logP: r.fit.intercepts.logP, window: r.fit.window },
      theory: r.theory,
    };
  } catch (e) {
    reply = { id, ok: false, ms: performance.now() - t0, error: e instanceof Error ? e.message : String(e) };
  }
  (self as unknown as Worker).postMessage(reply);
};
