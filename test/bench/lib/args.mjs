// Command-line flags of `npm run bench` (plain parsing: no dependency beyond Node).
export const SCENARIOS = ['static', 'param', 'many-routes', 'post-body', 'behaviours', 'crud'];

export const USAGE = `usage: npm run bench -- [options]

  --scenarios a,b     which to run (default all): ${SCENARIOS.join(', ')}
  --compare a,b       also install and measure peers in a temp folder: mockoon, prism, mountebank, json-server
  --quick             a ~1 minute smoke run (1 run of 2 s each, short warm-up)
  --duration S        seconds per measured run (default 10)
  --runs N            runs per measurement; medians are reported (default 3)
  --warmup S          warm-up seconds before the first run of each measurement (default 3)
  --connections N     concurrent connections (default 50)
  --loadgen NAME      autocannon or wrk (default: wrk when installed, else autocannon)
  --max-other X       a run during which other processes took more than this share of the server's
                      core is noisy: it is retried (twice at most) and left out of medians (default 0.1)
  --no-pin            do not pin the server and the load generator to separate cores
  --against DIR       also measure another built checkout of mockdock (e.g. the previous commit) on
                      static, param, many-routes 10000 and post-body, in the same run
  --out FILE          where the JSON goes (default .bench/results.json)
  --report FILE       measure nothing: print the tables of an earlier results file (with the latest soak)
  --help`;

function list(value) {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

export function parseArgs(argv) {
  const opts = {
    scenarios: [...SCENARIOS],
    compare: [],
    quick: false,
    duration: 10,
    runs: 3,
    warmup: 3,
    connections: 50,
    loadgen: 'auto',
    pin: true,
    out: '.bench/results.json',
    report: null,
    maxOther: 0.1,
    help: false,
  };
  const explicit = new Set();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const number = () => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number`);
      return n;
    };
    switch (flag) {
      case '--scenarios':
        opts.scenarios = list(value());
        for (const s of opts.scenarios) if (!SCENARIOS.includes(s)) throw new Error(`unknown scenario "${s}" (known: ${SCENARIOS.join(', ')})`);
        break;
      case '--compare':
        opts.compare = list(value());
        break;
      case '--quick':
        opts.quick = true;
        break;
      case '--duration':
      case '--runs':
      case '--warmup':
      case '--connections':
        opts[flag.slice(2)] = number();
        explicit.add(flag.slice(2));
        break;
      case '--max-other':
        opts.maxOther = number();
        break;
      case '--loadgen':
        opts.loadgen = value();
        if (!['auto', 'wrk', 'autocannon'].includes(opts.loadgen)) throw new Error('--loadgen is auto, wrk or autocannon');
        break;
      case '--no-pin':
        opts.pin = false;
        break;
      case '--against':
        opts.against = value();
        break;
      case '--out':
        opts.out = value();
        break;
      case '--report':
        opts.report = value();
        break;
      case '--help':
      case '-h':
        opts.help = true;
        break;
      default:
        throw new Error(`unknown option "${argv[i]}"\n${USAGE}`);
    }
  }
  if (opts.quick) {
    if (!explicit.has('duration')) opts.duration = 2;
    if (!explicit.has('runs')) opts.runs = 1;
    if (!explicit.has('warmup')) opts.warmup = 0.5;
  }
  opts.runs = Math.round(opts.runs);
  opts.connections = Math.round(opts.connections);
  return opts;
}
