// Memory of the Chromium started with a given profile folder and of all its
// child processes, from /proc: PSS (proportional set size, smaps_rollup) so
// that pages shared between Chromium's processes are counted once in the
// sum. Linux only.
import { readdirSync, readFileSync } from "node:fs";

const read = (f) => {
  try {
    return readFileSync(f, "utf8");
  } catch {
    return null; // gone, or not ours
  }
};

/** { totalMB, byType: { browser, renderer, "gpu-process", utility, zygote, ... } } in MiB. */
export function chromiumMemory(profileDir) {
  const procs = new Map(); // pid -> { ppid, cmd }
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    const stat = read(`/proc/${pid}/stat`);
    const cmd = read(`/proc/${pid}/cmdline`);
    if (!stat || cmd === null) continue;
    // the command name may hold spaces and parentheses: fields start after the last ")"
    const ppid = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
    // Chromium rewrites its children's titles: one string with spaces, not NUL-separated arguments
    procs.set(pid, { ppid, cmd: cmd.split(/[\0 ]/) });
  }
  const ours = new Set([...procs].filter(([, p]) => p.cmd.some((a) => a.includes(profileDir))).map(([pid]) => pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of procs) if (!ours.has(pid) && ours.has(p.ppid)) ours.add(pid), (grew = true);
  }
  const byType = {};
  let total = 0;
  for (const pid of ours) {
    const rollup = read(`/proc/${pid}/smaps_rollup`);
    if (!rollup) continue;
    const mb = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) / 1024;
    const type = procs.get(pid).cmd.find((a) => a.startsWith("--type="))?.slice(7) ?? "browser";
    byType[type] = (byType[type] ?? 0) + mb;
    total += mb;
  }
  for (const k of Object.keys(byType)) byType[k] = Math.round(byType[k]);
  return { totalMB: Math.round(total), byType };
}
