#!/usr/bin/env python3
"""Independent re-computation of tests/data/metrics_vectors.json.

Written separately from the Rust code (pure Python, decimal module for
rounding). Run: python3 tests/data/verify_vectors.py  -> exits 1 on mismatch.
With --print it prints the figures it computes (used to write the file).
"""
import json, math, os, sys, unicodedata
from decimal import Decimal, ROUND_HALF_UP

Z = 1.96
HERE = os.path.dirname(os.path.abspath(__file__))

def round_half_away(x, d):
    # Decimal(repr(x)) = shortest round-trip decimal; ROUND_HALF_UP is half away from zero
    q = Decimal(1).scaleb(-d)
    r = float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))
    return 0.0 if r == 0 else r

def interval(P, D, n):
    p, d = P / n, D / n
    se = 100 * math.sqrt(max(0.0, (p + d - (p - d) ** 2) / n))
    centre = 100 * (p - d)
    moe = Z * se
    return dict(centre=centre, se=se, moe=moe,
                lower=max(-100.0, centre - moe), upper=min(100.0, centre + moe))

def nps_from_hist(h):
    n = sum(h)
    P = h[9] + h[10]; D = sum(h[0:7]); Pa = h[7] + h[8]
    w = interval(P, D, n)
    a = interval(P + 0.75, D + 0.75, n + 3)
    nps = 100 * (P - D) / n
    rec = "adjusted_wald" if (n < 30 or abs(nps) >= 90) else "wald"
    return dict(n=n, promoters=P, passives=Pa, detractors=D,
                promoters_percent=100 * P / n, passives_percent=100 * Pa / n,
                detractors_percent=100 * D / n, nps=nps,
                nps_rounded=int(round_half_away(nps, 0)),
                wald=w, adjusted_wald=a, recommended=rec)

def hist_from_scores(scores, lo, hi):
    h = [0] * (hi - lo + 1)
    for s in scores: h[s - lo] += 1
    return h

def csi_from_hist(h, lo, hi):
    n = sum(h)
    mean = sum((lo + i) * c for i, c in enumerate(h)) / n
    t2b = h[hi - lo] + h[hi - lo - 1]
    return dict(n=n, mean=mean, csi=(mean - lo) / (hi - lo) * 100,
                top_two_box=t2b, csat_percent=100 * t2b / n)

def weighted(lo, hi, means, weights):
    s = sum(weights); w = [x / s for x in weights]
    per = [(m - lo) / (hi - lo) * 100 for m in means]
    csi = sum(a * b for a, b in zip(w, per))
    weakest = min(range(len(per)), key=lambda i: (per[i], i))
    return dict(csi=csi, weights=w, attribute_csi=per, weakest_index=weakest)

def score_of(text):
    # NFKC turns full-width digits, signs, points and the ideographic space
    # into ASCII; then a whole number, also written as 7.0 or 1e1.
    x = float(unicodedata.normalize("NFKC", text).strip())
    if x != int(x): raise ValueError("not an integer: %r" % text)
    return int(x)

def decode(case):
    if "bytes_hex" not in case: return case["text"], None
    raw = bytes.fromhex(case["bytes_hex"])
    enc = case.get("encoding", "auto")
    if enc in ("auto", "utf-8"):
        try: return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            if enc == "utf-8": raise
    return raw.decode("gb18030"), "gb18030"

def close(a, b, tol):
    return abs(a - b) <= tol

def check_subset(exp, got, tol, path, errs):
    for k, v in exp.items():
        if k not in got: errs.append(f"{path}.{k}: not computed"); continue
        g = got[k]
        if isinstance(v, dict): check_subset(v, g, tol, f"{path}.{k}", errs)
        elif isinstance(v, list):
            if len(v) != len(g) or any(not close(a, b, tol) if isinstance(a, (int, float)) else a != b for a, b in zip(v, g)):
                errs.append(f"{path}.{k}: expected {v} computed {g}")
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            if not close(v, g, tol): errs.append(f"{path}.{k}: expected {v} computed {g}")
        elif v != g: errs.append(f"{path}.{k}: expected {v!r} computed {g!r}")

def main():
    doc = json.load(open(os.path.join(HERE, "metrics_vectors.json"), encoding="utf-8"))
    errs = []; tol0 = doc["tolerance"]
    for c in doc["nps"]:
        i = c["input"]
        h = i["histogram"] if "histogram" in i else hist_from_scores(i["scores"], 0, 10)
        got = nps_from_hist(h); got["histogram"] = h
        check_subset(c["expected"], got, c.get("tolerance", tol0), c["id"], errs)
    for c in doc["csi"]:
        lo, hi = map(int, c["input"]["scale"].split("-"))
        i = c["input"]
        h = i["histogram"] if "histogram" in i else hist_from_scores(i["scores"], lo, hi)
        check_subset(c["expected"], csi_from_hist(h, lo, hi), c.get("tolerance", tol0), c["id"], errs)
    for c in doc["weighted_csi"]:
        lo, hi = map(int, c["input"]["scale"].split("-"))
        i = c["input"]; n = len(i["means"])
        w = i.get("weights") or i.get("importance") or [1] * n
        got = weighted(lo, hi, i["means"], w)
        names = i.get("names") or doc["servqual_dimensions"]
        got["weakest"] = names[got["weakest_index"]]
        check_subset(c["expected"], got, c.get("tolerance", tol0), c["id"], errs)
    for c in doc["rounding"]:
        g = round_half_away(c["x"], c["decimals"])
        if g != c["expected"]: errs.append(f"rounding {c}: computed {g}")
    for c in doc["scores"]:
        lo, hi = map(int, c["scale"].split("-"))
        h = hist_from_scores([score_of(v) for v in c["values"]], lo, hi)
        if h != c["expected"]["histogram"]: errs.append(f"scores {c['id']}: computed {h}")
    for c in doc["files"]:
        if "expected" not in c:
            # Errors: the bytes must not decode, or some cell must not be a score.
            try:
                text, _ = decode(c)
            except UnicodeDecodeError:
                if c["expected_error"]["code"] != "invalid_encoding": errs.append(f"file {c['id']}: does not decode")
                continue
            if c["expected_error"]["code"] == "invalid_encoding": errs.append(f"file {c['id']}: decodes")
            continue
        import csv, io
        lo, hi = map(int, c["scale"].split("-"))
        text, enc = decode(c)
        if enc is not None and enc != c["expected"].get("encoding"): errs.append(f"file {c['id']}: read as {enc}")
        text = text.lstrip("\ufeff")
        rows = [r for r in csv.reader(io.StringIO(text, newline=""), skipinitialspace=True) if any(x.strip() for x in r)]
        col = c["column"]
        if isinstance(col, str):
            idx = [x.strip() for x in rows[0]].index(col); rows = rows[1:]
        else:
            idx = (col or 1) - 1
            try: score_of(rows[0][idx])
            except ValueError: rows = rows[1:]
        h = hist_from_scores([score_of(r[idx]) for r in rows], lo, hi)
        if h != c["expected"]["histogram"] or len(rows) != c["expected"]["rows"]:
            errs.append(f"file {c['id']}: computed {h}, {len(rows)} rows")
    if "--print" in sys.argv:
        for c in doc["nps"]:
            i = c["input"]; h = i["histogram"] if "histogram" in i else hist_from_scores(i["scores"], 0, 10)
            print(c["id"], json.dumps(nps_from_hist(h)))
    for e in errs: print("MISMATCH", e)
    print(f"{len(errs)} mismatches")
    sys.exit(1 if errs else 0)

if __name__ == "__main__":
    main()
