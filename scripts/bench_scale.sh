#!/usr/bin/env bash
# `make bench-scale`: the whole pipeline over folders of 500 and 2,000 documents built from the
# corpus (copies made byte-distinct, so none is a duplicate), with 1 and 2 threads; prints
# documents/s, pages/s and peak memory (`/usr/bin/time -v`). Peak memory should not grow with
# the number of documents.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "bench-scale needs /usr/bin/time (apt-get install time)"; exit 1; }
cargo build --release --quiet -p yusuan
work=${SCALE_DIR:-$(mktemp -d)}
python3 - "$work" <<'PY'
import pathlib, shutil, sys, zipfile
work = pathlib.Path(sys.argv[1])
sources = sorted(pathlib.Path("corpus/docx").glob("*.docx")) + sorted(pathlib.Path("corpus/pdf").glob("*.pdf"))
for n in (500, 2000):
    folder = work / f"docs-{n}"
    if folder.exists():
        continue
    folder.mkdir(parents=True)
    for i in range(n):
        src = sources[i % len(sources)]
        dst = folder / f"{i:05d}-{src.name}"
        if src.suffix == ".pdf":
            # A comment after %%EOF makes the bytes distinct; readers ignore it.
            dst.write_bytes(src.read_bytes() + f"\n% copy {i}\n".encode())
        else:
            shutil.copyfile(src, dst)
            with zipfile.ZipFile(dst, "a") as z:
                z.comment = f"copy {i}".encode()
PY
printf "%-6s %-7s %9s %10s %10s %12s\n" docs threads seconds docs/s pages/s peak_MiB
for n in 500 2000; do
  for jobs in 1 2; do
    out="$work/out-$n-$jobs"
    rm -rf "$out"
    /usr/bin/time -v ./target/release/yusuan run "$work/docs-$n" --out "$out" --no-cache --quiet --jobs "$jobs" 2> "$work/time-$n-$jobs.txt"
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time-$n-$jobs.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$work/time-$n-$jobs.txt")
    pages=$(python3 -c "import csv,sys; print(sum(int(r['pages'] or 0) for r in csv.DictReader(open(sys.argv[1]))))" "$out/documents.csv")
    awk -v n="$n" -v j="$jobs" -v s="$secs" -v p="$pages" -v r="$rss" \
      'BEGIN { printf "%-6s %-7s %9.2f %10.1f %10.1f %12s\n", n, j, s, n / s, p / s, r }'
  done
done

# `yusuan merge` of 8 shards: two streaming passes over the shards' documents.jsonl, so peak
# memory should not grow with the number of documents either.
printf "\n%-6s %-7s %9s %12s\n" docs shards merge_s peak_MiB
for n in 500 2000; do
  rm -rf "$work/shards-$n" "$work/merged-$n"
  for k in 1 2 3 4 5 6 7 8; do
    ./target/release/yusuan run "$work/docs-$n" --out "$work/shards-$n/$k" --shard "$k/8" --no-cache --quiet --jobs 2
  done
  /usr/bin/time -v ./target/release/yusuan merge "$work/shards-$n"/* --out "$work/merged-$n" 2> "$work/merge-$n.txt" > /dev/null
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/merge-$n.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$work/merge-$n.txt")
  printf "%-6s %-7s %9.2f %12s\n" "$n" 8 "$secs" "$rss"
done
