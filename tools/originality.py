#!/usr/bin/env python3
# Share of 14-character windows of the course text that also occur in the seed
# documents (traditional converted to simplified). Needs: pip install opencc-python-reimplemented
# Usage: python3 tools/originality.py  (seeds are read from ../shared/seeds next to the repository)
import glob, os, re
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
from opencc import OpenCC
cc = OpenCC('t2s')
seeds = ''
for f in glob.glob(os.path.join(ROOT, '..', 'shared', 'seeds', '*.txt')):
    seeds += cc.convert(open(f).read()) + '\n'
def norm(s): return re.sub(r'[\s，。、；：“”（）()《》！？,.;:!?\-—\*#>|`\[\]]', '', s)
S = norm(seeds)
N = 14
grams = set(S[i:i+N] for i in range(len(S)-N))
total = hits = 0; worst = []
for f in sorted(glob.glob(os.path.join(ROOT, 'course', '**', '*.md'), recursive=True) + glob.glob(os.path.join(ROOT, 'course', '**', 'quiz.yaml'), recursive=True)):
    t = norm(open(f).read())
    n = max(len(t)-N, 0); h = sum(1 for i in range(n) if t[i:i+N] in grams)
    total += n; hits += h
    if h: worst.append((h, os.path.relpath(f, ROOT), [t[i:i+N] for i in range(n) if t[i:i+N] in grams][:3]))
print(f"{N}-char windows shared with the seeds: {hits} of {total} ({100*hits/max(total,1):.2f}%)")
for w in sorted(worst, reverse=True)[:8]: print(w)
