#!/usr/bin/env python3
# Share of 14-character windows of the course text that also occur in the seed
# documents (traditional converted to simplified). Needs: pip install opencc-python-reimplemented
# Usage: python3 tools/originality.py [SEEDS_DIR]
# Without SEEDS_DIR the seeds are read from the first shared/seeds found next to the repository or
# next to one of its parent folders (so a git worktree such as /work/wt/NAME finds /work/shared/seeds).
# It stops with an error if there are no seed files, rather than report a meaningless 0%.
import glob, os, re, sys
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
from opencc import OpenCC
cc = OpenCC('t2s')
def seed_files():
    if len(sys.argv) > 1:
        return glob.glob(os.path.join(sys.argv[1], '*.txt'))
    d = ROOT
    while True:
        found = glob.glob(os.path.join(os.path.dirname(d), 'shared', 'seeds', '*.txt'))
        if found or os.path.dirname(d) == d:
            return found
        d = os.path.dirname(d)
files = seed_files()
if not files:
    sys.exit('originality.py: no seed documents found (pass the seeds folder as an argument)')
seeds = ''
for f in sorted(files):
    seeds += cc.convert(open(f).read()) + '\n'
def norm(s): return re.sub(r'[\s，。、；：“”（）()《》！？,.;:!?\-—\*#>|`\[\]]', '', s)
S = norm(seeds)
N = 14
grams = set(S[i:i+N] for i in range(len(S)-N))
total = hits = 0; worst = []
for f in sorted(glob.glob(os.path.join(ROOT, 'course', '**', '*.md'), recursive=True) + glob.glob(os.path.join(ROOT, 'course', '**', '*.yaml'), recursive=True)):
    t = norm(open(f).read())
    n = max(len(t)-N, 0); h = sum(1 for i in range(n) if t[i:i+N] in grams)
    total += n; hits += h
    if h: worst.append((h, os.path.relpath(f, ROOT), [t[i:i+N] for i in range(n) if t[i:i+N] in grams][:3]))
print(f"{N}-char windows shared with the seeds: {hits} of {total} ({100*hits/max(total,1):.2f}%)")
for w in sorted(worst, reverse=True)[:8]: print(w)
