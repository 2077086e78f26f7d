// An example mockdock plugin. It is OFF: nothing lists it. To try it, write a mockdock.yaml in this folder with
//
//   plugins: [plugins/example.mjs]
//
// add an endpoint that uses its handler, e.g. in dice.yaml
//
//   - name: roll-dice
//     path: /api/dice/:sides
//     handler: rollDice
//
// and start mockdock with --allow-plugins (or MOCKDOCK_ALLOW_PLUGINS=true): plugins are code, so they run
// only when the one starting the server says so. Edit this file while mockdock runs and it reloads.

/** @type {import('mockdock/plugin').Plugin} */
export default {
  name: 'example',

  // Before matching. Change the request in place (path, query, headers decide which endpoint answers),
  // or return an answer {status, headers, body} to answer right here.
  onRequest(req, ctx) {
    // old clients still call /v1/...: serve them from the /api/... endpoints
    if (req.path.startsWith('/v1/')) req.path = `/api/${req.path.slice(4)}`;
    if (req.headers['x-example-block'] === 'yes') {
      ctx.log.warn('blocked a request', { path: req.path });
      return { status: 403, body: { error: 'blocked by the example plugin' } };
    }
    // returning nothing goes on to matching (and costs no promise)
  },

  // On every mock answer. `res.body` is the parsed JSON when the answer is JSON, else a string.
  onResponse(req, res) {
    res.headers['x-example-plugin'] = 'on';
  },

  // Endpoints with `handler: NAME` are answered by these; they may be async.
  handlers: {
    async rollDice(req, ctx) {
      const sides = Number(req.params.sides);
      if (!Number.isInteger(sides) || sides < 2) return { status: 400, body: { error: 'sides must be a whole number ≥ 2' } };
      // ctx.random is seeded (--seed): the same seed rolls the same numbers
      const roll = 1 + Math.floor(ctx.random() * sides);
      // ctx.state is this endpoint's state in the caller's session (X-Mockdock-Session); POST /__reset clears it
      const rolls = await ctx.state.increment('rolls');
      return { body: { sides, roll, rolls } };
    },
  },
};
