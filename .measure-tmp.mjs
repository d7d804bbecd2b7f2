import pty from 'node-pty';
const root = process.argv[2];
const t0 = performance.now();
const p = pty.spawn(process.execPath, ['bin/berth.js'], { cols: 120, rows: 40, env: { ...process.env, BERTH_ROOT: root, BERTH_HISTORY_FILE: '/tmp/h-measure' }, cwd: process.cwd() });
let buf = '', first, frame, data;
p.onData((d) => {
  const t = performance.now() - t0;
  buf += d;
  if (!first) first = t;
  if (!frame && buf.includes('Containers')) frame = t;
  if (!data && buf.includes('busybox:latest')) { data = t; setTimeout(() => p.write('q'), 50); }
});
p.onExit(() => { console.log(JSON.stringify({ firstByte: Math.round(first), firstFrame: Math.round(frame), framewithData: Math.round(data), exit: Math.round(performance.now() - t0) })); });
