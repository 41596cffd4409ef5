#!/usr/bin/env bash
# Records per CPU second of runtrail's EVTX reader (the EvtxParse JMH benchmark, redaction
# included) against Debian's evtxexport (libevtx-utils) on the same file, measured in turns so that
# both see the same host: on a shared machine either figure alone drifts by a third between hours.
#
#   bench/evtx-vs-evtxexport.sh FILE.evtx [ROUNDS]
#
# Each round runs `evtxexport -f xml FILE` RUNS times (median of its user + system CPU time), then
# one JMH fork of EvtxParse (3 warm-up and 5 measured iterations; recordsTotal / cpuMillis). The
# record count comes from evtxexport's own listing. Needs bench/target/benchmarks.jar
# (mvn -pl bench -am package) and evtxexport on the PATH. Give it a file of a thousand records or
# more: on a few records evtxexport's time is mostly its own start-up.
set -euo pipefail

file=${1:?usage: $0 FILE.evtx [ROUNDS]}
rounds=${2:-3}
runs=${RUNS:-20}
here=$(cd "$(dirname "$0")" && pwd)
jar=${BENCH_JAR:-$here/target/benchmarks.jar}

command -v evtxexport > /dev/null || { echo "$0: evtxexport not found (apt-get install libevtx-utils)" >&2; exit 2; }
[[ -r $file ]] || { echo "$0: cannot read $file" >&2; exit 2; }
[[ -r $jar ]] || { echo "$0: no $jar; build it with: mvn -pl bench -am package -DskipTests" >&2; exit 2; }

records=$(evtxexport "$file" 2> /dev/null | grep -c '^Event number' || true)
[[ $records -gt 0 ]] || { echo "$0: evtxexport lists no records in $file" >&2; exit 2; }

# CPU seconds (user + system) of one evtxexport run, from the shell's own accounting of its child.
evtxexport_cpu() {
    bash -c 'evtxexport -f xml "$1" > /dev/null 2>&1; times' _ "$file" | tail -1 |
        awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, t, "m"); sub("s", "", t[2]); n += t[1] * 60 + t[2] } printf "%.4f\n", n }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "file: $file ($records records per evtxexport); $rounds rounds of $runs evtxexport runs and one EvtxParse fork"
ratios=()
for ((r = 1; r <= rounds; r++)); do
    cpu=$(for ((i = 0; i < runs; i++)); do evtxexport_cpu; done | median)
    theirs=$(awk -v n="$records" -v s="$cpu" 'BEGIN { printf "%.0f", n / s }')
    out=$(java -jar "$jar" EvtxParse -p path="$file" -wi 3 -i 5 -f 1 2>&1)
    total=$(awk '/:recordsTotal/ && $NF == "#" { print $(NF - 1) }' <<< "$out")
    millis=$(awk '/:cpuMillis/ && $NF == "#" { print $(NF - 1) }' <<< "$out")
    [[ -n $total && -n $millis ]] || { echo "$0: EvtxParse printed no counters:" >&2; tail -20 <<< "$out" >&2; exit 1; }
    ours=$(awk -v t="$total" -v m="$millis" 'BEGIN { printf "%.0f", t / m * 1000 }')
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.1f", a / b }')
    ratios+=("$ratio")
    echo "round $r: evtxexport ${cpu} CPU s = ${theirs} records/CPU-s; runtrail ${ours} records/CPU-s; ${ratio}x"
done
echo "median ratio: $(printf '%s\n' "${ratios[@]}" | median)x"
