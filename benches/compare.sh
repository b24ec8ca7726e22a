#!/usr/bin/env bash
# Build time and peak memory of coursegen against Hugo, Zola and mdBook on the
# same generated Chinese course (examples/gen_corpus.rs), plus two "floor" rows:
# copying the corpus, and the least a generator can do (examples/floor_generator.rs:
# read, pulldown-cmark, one Tera template, write, on all cores). Each tool builds
# into a fresh folder every run. Two more coursegen rows build a course of the same
# shape made of real text (`gen_corpus --text-from course`: windows of the bundled
# course's Chinese), whose many distinct character pairs cost the search index
# about twice what the generated course's 28 repeated words do.
#
#   benches/compare.sh [PAGES ...]        default: 100 1000 10000
#
# Environment: RUNS (default 5), WORK (default /dev/shm/coursegen-bench: tmpfs,
# because writes of 10,000 files to disk vary by seconds between runs),
# HUGO, ZOLA, MDBOOK (binaries; otherwise taken from PATH when present), BASE
# (another coursegen binary, e.g. an older build: its rows are added, labelled
# "base", so that both are measured in the same run). Zola's search-index row
# needs a Zola built with `--features indexing-zh` (Chinese); otherwise that row
# says "failed".
# Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
WORK=${WORK:-/dev/shm/coursegen-bench}
HUGO=${HUGO:-$(command -v hugo || true)}
ZOLA=${ZOLA:-$(command -v zola || true)}
MDBOOK=${MDBOOK:-$(command -v mdbook || true)}
BASE=${BASE:-}
PAGES=("$@")
[ ${#PAGES[@]} -eq 0 ] && PAGES=(100 1000 10000)

# The release build as published (.github/workflows/publish.yml): with jemalloc
# (needs make and a C compiler); FEATURES= builds with the system allocator.
cargo build --release --quiet --features "${FEATURES-jemalloc}" --bin coursegen --example gen_corpus --example floor_generator
CG=$PWD/target/release/coursegen
GEN=$PWD/target/release/examples/gen_corpus
FLOOR=$PWD/target/release/examples/floor_generator

# median of numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# measure LABEL PAGES OUT -- COMMAND...: RUNS runs, each into a fresh OUT
measure() {
  local label=$1 pages=$2 out=$3; shift 4
  local times=() mems=() t
  for _ in $(seq "$RUNS"); do
    rm -rf "$out"
    t=$(mktemp)
    if ! /usr/bin/time -f "%e %M" -o "$t" "$@" >/dev/null 2>&1; then
      echo "| $pages | $label | failed | | |"; rm -f "$t"; return
    fi
    read -r s kb < <(tail -1 "$t"); rm -f "$t"
    times+=("$s"); mems+=("$kb")
  done
  local s kb
  s=$(printf '%s\n' "${times[@]}" | median)
  kb=$(printf '%s\n' "${mems[@]}" | median)
  awk -v p="$pages" -v l="$label" -v s="$s" -v kb="$kb" \
    'BEGIN { printf "| %s | %s | %.3f | %.3f | %.0f |\n", p, l, s, 1000*s/p, kb/1024 }'
}

echo "coursegen $($CG --version | awk '{print $2}')${HUGO:+, $($HUGO version | awk '{print $1, $2}')}${ZOLA:+, $($ZOLA --version)}${MDBOOK:+, $($MDBOOK --version)}; $RUNS runs each, median; output on $WORK"
echo
echo "| pages | tool | median s | ms/page | peak MiB |"
echo "|---|---|---|---|---|"
for n in "${PAGES[@]}"; do
  dir=$WORK/c$n
  "$GEN" --pages "$n" --out "$dir" --peers >/dev/null
  measure "floor (cp -r)" "$n" "$WORK/out-floor" -- cp -r "$dir/course" "$WORK/out-floor"
  measure "floor (read, Markdown, template, write)" "$n" "$WORK/out-floor" -- "$FLOOR" "$dir/course" "$WORK/out-floor"
  real=$WORK/r$n
  "$GEN" --pages "$n" --out "$real" --text-from course >/dev/null
  for cg in "$CG" $BASE; do
    tag=""
    [ "$cg" != "$CG" ] && tag=" (base)"
    measure "coursegen$tag --no-search" "$n" "$WORK/out-cg" -- "$cg" build --no-search --root "$dir" --out "$WORK/out-cg"
    measure "coursegen$tag (Chinese search)" "$n" "$WORK/out-cg" -- "$cg" build --root "$dir" --out "$WORK/out-cg"
    measure "coursegen$tag --no-search, real text" "$n" "$WORK/out-cg" -- "$cg" build --no-search --root "$real" --out "$WORK/out-cg"
    measure "coursegen$tag (Chinese search), real text" "$n" "$WORK/out-cg" -- "$cg" build --root "$real" --out "$WORK/out-cg"
  done
  if [ -n "$HUGO" ]; then
    measure "hugo" "$n" "$WORK/out-hugo" -- "$HUGO" --quiet --source "$dir/hugo" --destination "$WORK/out-hugo"
  fi
  if [ -n "$ZOLA" ]; then
    measure "zola" "$n" "$WORK/out-zola" -- "$ZOLA" --root "$dir/zola" build --output-dir "$WORK/out-zola" --force
    measure "zola (search index)" "$n" "$WORK/out-zola" -- "$ZOLA" --root "$dir/zola" --config "$dir/zola/config-search.toml" build --output-dir "$WORK/out-zola" --force
  fi
  if [ -n "$MDBOOK" ] && [ "$n" -le 1000 ]; then
    # mdBook grows about as N^2.2: 10,000 pages take minutes, so it stops at 1,000.
    measure "mdbook" "$n" "$WORK/out-mdbook" -- "$MDBOOK" build "$dir/mdbook" --dest-dir "$WORK/out-mdbook"
  fi
done
