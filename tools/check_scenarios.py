#!/usr/bin/env python3
"""Check the course's role-play scenarios (issue 20) against the authoring rules.

Usage: python3 tools/check_scenarios.py [FILE_OR_DIR ...]   (default: course/)

Checks every `NN-slug.scenario.yaml`: required keys, roles/speakers, moods, ratings,
score range, 2-4 choices per node, unique ids, known `next` references, every node
reachable from `start`, an ending reachable from every node (so no loop without a way
out), endings without choices, >= 8 nodes, >= 3 endings with different ratings, the
best path (highest total score) ending `excellent`, and that relative Markdown links in
introductions and debriefs point at existing files and `{#id}` anchors.
Needs PyYAML (python3 -c "import yaml"). Exit status 1 if any scenario has an error.
This is a content check for authors until the coursegen engine validates scenarios.
"""
import os
import re
import sys

try:
    import yaml
except ImportError:
    sys.exit("check_scenarios.py needs PyYAML: pip install pyyaml")

MOODS = {"calm", "curious", "worried", "annoyed", "angry", "pleased", "delighted"}
RATINGS = {"excellent", "acceptable", "poor"}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LINK_RE = re.compile(r"\]\(([^)\s]+)\)")
ANCHOR_RE = re.compile(r"\{#([A-Za-z0-9_-]+)\}")
CARD_KEYS = {
    "customer": ["situation", "wants", "reacts_well", "reacts_poorly"],
    "employee": ["situation", "goal"],
}


def anchors_of(path, cache={}):
    if path not in cache:
        with open(path, encoding="utf-8") as f:
            cache[path] = set(ANCHOR_RE.findall(f.read()))
    return cache[path]


def check_links(path, text, where, errors):
    for target in LINK_RE.findall(text or ""):
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue
        file_part, _, anchor = target.partition("#")
        dest = os.path.normpath(os.path.join(os.path.dirname(path), file_part))
        if not os.path.isfile(dest):
            errors.append(f"{where}: link to missing file {target}")
        elif anchor and dest.endswith(".md") and anchor not in anchors_of(dest):
            errors.append(f"{where}: link to missing anchor {target}")


def best_path(nodes, endings, start):
    """Highest total score from start to an ending over simple paths: (score, ending, path)."""
    best = [None]

    def walk(node_id, total, seen, path):
        if node_id in endings:
            if best[0] is None or total > best[0][0]:
                best[0] = (total, node_id, path + [node_id])
            return
        for c in nodes[node_id].get("choices") or []:
            nxt = c.get("next")
            if nxt in seen or (nxt not in nodes and nxt not in endings):
                continue
            walk(nxt, total + int(c.get("score", 0)), seen | {nxt}, path + [node_id])

    walk(start, 0, {start}, [])
    return best[0]


def check(path):
    errors = []
    with open(path, encoding="utf-8") as f:
        try:
            doc = yaml.safe_load(f)
        except yaml.YAMLError as e:
            return [f"{path}: YAML error: {e}"], None
    if not isinstance(doc, dict):
        return [f"{path}: not a mapping"], None
    for key in ["title", "summary", "introduction", "roles", "start", "nodes", "endings", "cards"]:
        if key not in doc:
            errors.append(f"{path}: missing `{key}`")
    roles = doc.get("roles") or {}
    if "you" not in roles:
        errors.append(f"{path}: roles has no `you`")
    nodes, endings, ids = {}, {}, []
    for n in doc.get("nodes") or []:
        ids.append(n.get("id"))
        nodes[n.get("id")] = n
    for e in doc.get("endings") or []:
        ids.append(e.get("id"))
        endings[e.get("id")] = e
    for i in sorted({i for i in ids if ids.count(i) > 1}, key=str):
        errors.append(f"{path}: duplicate id {i}")
    for i in ids:
        if not isinstance(i, str) or not ID_RE.match(i):
            errors.append(f"{path}: id {i!r} is not kebab-case")
    start = doc.get("start")
    if start not in nodes:
        errors.append(f"{path}: start {start!r} is not a node")
    check_links(path, doc.get("introduction"), f"{path}: introduction", errors)
    for nid, n in nodes.items():
        where = f"{path}: node {nid}"
        if n.get("speaker") not in roles:
            errors.append(f"{where}: speaker {n.get('speaker')!r} is not a role")
        if "mood" in n and n["mood"] not in MOODS:
            errors.append(f"{where}: unknown mood {n['mood']!r}")
        if not n.get("text"):
            errors.append(f"{where}: no text")
        choices = n.get("choices") or []
        if not 2 <= len(choices) <= 4:
            errors.append(f"{where}: {len(choices)} choices (2-4 expected)")
        for k, c in enumerate(choices, 1):
            cw = f"{where} choice {k}"
            for key in ["text", "next", "feedback", "score"]:
                if key not in c:
                    errors.append(f"{cw}: missing `{key}`")
            if c.get("next") not in nodes and c.get("next") not in endings:
                errors.append(f"{cw}: unknown next {c.get('next')!r}")
            score = c.get("score", 0)
            if not isinstance(score, int) or not -2 <= score <= 2:
                errors.append(f"{cw}: score {score!r} outside -2..2")
    for eid, e in endings.items():
        where = f"{path}: ending {eid}"
        if "choices" in e:
            errors.append(f"{where}: an ending has choices")
        if e.get("rating") not in RATINGS:
            errors.append(f"{where}: unknown rating {e.get('rating')!r}")
        if not e.get("title") or not e.get("debrief"):
            errors.append(f"{where}: needs title and debrief")
        check_links(path, e.get("debrief"), where, errors)
    # reachability from start
    edges = {nid: [c.get("next") for c in n.get("choices") or []] for nid, n in nodes.items()}
    seen, todo = set(), [start] if start in nodes else []
    while todo:
        cur = todo.pop()
        if cur in seen:
            continue
        seen.add(cur)
        todo.extend(edges.get(cur, []))
    for i in ids:
        if i not in seen:
            errors.append(f"{path}: {i} cannot be reached from start")
    # an ending reachable from every node (this also rules out loops without a way out)
    can_end = set(endings)
    changed = True
    while changed:
        changed = False
        for nid, nxt in edges.items():
            if nid not in can_end and any(x in can_end for x in nxt):
                can_end.add(nid)
                changed = True
    for nid in nodes:
        if nid not in can_end:
            errors.append(f"{path}: no ending can be reached from node {nid}")
    if len(nodes) < 8:
        errors.append(f"{path}: {len(nodes)} nodes (at least 8)")
    ratings = {e.get("rating") for e in endings.values()}
    if len(endings) < 3 or len(ratings) < 3:
        errors.append(f"{path}: needs >= 3 endings with different ratings (has {sorted(map(str, ratings))})")
    cards = doc.get("cards") or {}
    for role, keys in CARD_KEYS.items():
        for key in keys:
            if not (cards.get(role) or {}).get(key):
                errors.append(f"{path}: cards.{role}.{key} missing")
    for key in ["observer", "debrief_questions"]:
        if not cards.get(key):
            errors.append(f"{path}: cards.{key} missing")
    best = best_path(nodes, endings, start) if start in nodes else None
    if best and endings[best[1]].get("rating") != "excellent":
        errors.append(f"{path}: best path ({best[0]}) ends in {best[1]}, not an excellent ending")
    summary = None
    if best:
        summary = {
            "nodes": len(nodes),
            "endings": ", ".join(f"{e}={endings[e].get('rating')}" for e in endings),
            "best": f"{best[0]} via {' > '.join(best[2])}",
        }
    return errors, summary


def main(args):
    targets = args or ["course"]
    files = []
    for t in targets:
        if os.path.isdir(t):
            for root, _, names in os.walk(t):
                files += [os.path.join(root, n) for n in names if n.endswith(".scenario.yaml")]
        else:
            files.append(t)
    all_errors = []
    for path in sorted(files):
        errors, summary = check(path)
        status = "ok" if not errors else f"{len(errors)} error(s)"
        print(f"{path}: {status}")
        if summary:
            print(f"  nodes: {summary['nodes']}; endings: {summary['endings']}")
            print(f"  best path score {summary['best']}")
        for e in errors:
            print(f"  error: {e}")
        all_errors += errors
    if not files:
        print("no scenario files found")
    return 1 if all_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
