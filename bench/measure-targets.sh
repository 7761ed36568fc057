#!/bin/bash
# Every run of docs/benchmarks.md "Current numbers", back to back: run on an otherwise idle machine after
# `dotnet build -c Release src/CrossShard.Cli`. Usage: bench/measure-targets.sh [output directory]; one JSON per run.
cd "$(dirname "$0")/.."
X="dotnet src/CrossShard.Cli/bin/Release/net10.0/xshard.dll"
OUT=${1:-bench-results}; mkdir -p "$OUT"
B="--mode embedded --shards 4 --cross-shard-ratio 1.0 --seconds 10 --warmup 3 --json"
run() { name=$1; shift; $X bench $B "$@" > $OUT/$name.json 2>$OUT/$name.err; echo "$name done $(date +%T)"; }
run d-s-256   --accounts 10000 --signatures on  --durable on
run d-u-256   --accounts 10000 --signatures off --durable on
run d-s-1024  --accounts 10000 --signatures on  --durable on --concurrency 1024
run d-u-1024  --accounts 10000 --signatures off --durable on --concurrency 1024
run d-s-2048b --accounts 100000 --signatures on  --durable on --concurrency 2048
run d-u-2048b --accounts 100000 --signatures off --durable on --concurrency 2048
run m-s-2048b --accounts 100000 --signatures on  --durable off --concurrency 2048
run m-u-2048b --accounts 100000 --signatures off --durable off --concurrency 2048
run m-s-2048b-2 --accounts 100000 --signatures on  --durable off --concurrency 2048
run m-u-2048b-2 --accounts 100000 --signatures off --durable off --concurrency 2048
run d-s-2048b-2 --accounts 100000 --signatures on  --durable on --concurrency 2048
run d-u-2048b-2 --accounts 100000 --signatures off --durable on --concurrency 2048
PEAK=$(python3 -c "import json;print(int(max(json.load(open('$OUT/d-s-256.json'))['committedPerSec'],json.load(open('$OUT/d-s-1024.json'))['committedPerSec'])))")
echo "peak $PEAK" > $OUT/peak.txt
run d-s-half  --accounts 10000 --signatures on --durable on --rate $((PEAK / 2))
run hot-nowait  --accounts 100 --signatures on --durable on
run hot-waitdie --accounts 100 --signatures on --durable on --lock-policy wait-die
run d-s-256-waitdie --accounts 10000 --signatures on --durable on --lock-policy wait-die
run hot-wfo     --accounts 100 --signatures on --durable on --lock-policy wait-for-older
run hot-wfo-u   --accounts 100 --signatures off --durable on --lock-policy wait-for-older
run d-s-256-wfo --accounts 10000 --signatures on --durable on --lock-policy wait-for-older
run d-u-256-wfo --accounts 10000 --signatures off --durable on --lock-policy wait-for-older
# Ordered lock acquisition (session 12): the same workloads, then half of its own peak.
run d-s-256-ord  --accounts 10000 --signatures on  --durable on --lock-policy ordered
run d-u-256-ord  --accounts 10000 --signatures off --durable on --lock-policy ordered
run d-s-1024-ord --accounts 10000 --signatures on  --durable on --lock-policy ordered --concurrency 1024
run d-u-1024-ord --accounts 10000 --signatures off --durable on --lock-policy ordered --concurrency 1024
run d-s-2048-ord --accounts 10000 --signatures on  --durable on --lock-policy ordered --concurrency 2048
run d-u-2048-ord --accounts 10000 --signatures off --durable on --lock-policy ordered --concurrency 2048
run d-s-4096-ord --accounts 10000 --signatures on  --durable on --lock-policy ordered --concurrency 4096
PEAKO=$(python3 -c "import json;print(int(max(json.load(open('$OUT/d-s-%s-ord.json' % c))['committedPerSec'] for c in ('256','1024','2048','4096'))))")
echo "ordered peak $PEAKO" >> $OUT/peak.txt
run d-s-half-ord --accounts 10000 --signatures on --durable on --lock-policy ordered --rate $((PEAKO / 2))
run hot-ord      --accounts 100 --signatures on  --durable on --lock-policy ordered
run hot-ord-u    --accounts 100 --signatures off --durable on --lock-policy ordered
$X bench --mode cluster --shards 4 --accounts 10000 --cross-shard-ratio 1.0 --seconds 10 --warmup 5 --concurrency 2048 --lock-policy ordered --json > $OUT/cluster-2048-ord.json 2>$OUT/cluster-2048-ord.err; echo "cluster ordered done $(date +%T)"
$X bench --mode cluster --shards 4 --accounts 10000 --cross-shard-ratio 1.0 --seconds 10 --warmup 5 --concurrency 1024 --json > $OUT/cluster-1024.json 2>$OUT/cluster-1024.err; echo "cluster done $(date +%T)"
$X bench --mode cluster --shards 4 --accounts 10000 --cross-shard-ratio 1.0 --seconds 10 --warmup 5 --concurrency 2048 --json > $OUT/cluster-2048.json 2>$OUT/cluster-2048.err; echo "cluster 2048 done $(date +%T)"
$X bench --mode cluster --shards 4 --accounts 100 --cross-shard-ratio 1.0 --seconds 10 --warmup 5 --lock-policy wait-for-older --json > $OUT/cluster-hot-wfo.json 2>$OUT/cluster-hot-wfo.err; echo "cluster hot done $(date +%T)"
for m in s u; do f=""; [ $m = u ] && f="--insecure-no-signatures"; $X demo --json $f > $OUT/demo-$m.json 2>/dev/null; $X demo --json --accounts 100000 --transfers 300000 --concurrency 2048 $f > $OUT/demo-sat-$m.json 2>/dev/null; done
echo "demos done $(date +%T)"
