"""`spanmark agree --json` checked against reference implementations.

Cohen's kappa on characters against scikit-learn's `cohen_kappa_score`, Fleiss' kappa against
statsmodels' `fleiss_kappa`, and span F1 (exact, and relaxed with a maximum one-to-one matching)
against a plain-Python computation, all on files written here: invented news articles, three
annotators with seeded random variations (moved boundaries, other labels, missing and extra spans,
nested spans), one document missing from one file, one document only one file has.

Run through tests/interop/run.sh (which provides the venv and SPANMARK_BIN), or directly with
SPANMARK_BIN pointing at a built `spanmark`.
"""

import json
import math
import os
import random
import subprocess
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("SPANMARK_BIN") or str(
    Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "debug" / "spanmark"
)

# Invented articles (no real news): accents, guillemets, a non-BMP emoji (UTF-16 ≠ code points).
ARTICLES = {
    "harbour-1": "Harbour council approves «green quay» plan\n\nThe mayor, Dana Rivera, said: "
    "«We will plant 1,200 trees by 2026.» Critics 😀 doubt it. The budget is €3.5 million, "
    "said treasurer Olu Bakare, and works start in September.",
    "ferry-2": "Ferry fares rise 5 % in May, the operator says. Café owners object: “Nobody "
    "asked us,” said Mira Okafor, who runs a stall by the pier. About 40 % of trips run late.",
    "school-3": "The district will close two schools by 2027, officials said on Monday. "
    "Parents gathered outside the town hall. “This is our children’s future,” said Tomás "
    "Reyes, a father of three. The plan saves an estimated $2 million a year.",
    "storm-4": "Storm Elin cut power to 18,000 homes overnight. Engineers restored supply to "
    "most by noon, the grid operator said. Winds reached 120 km/h on the coast.",
}
LABELS = ["claim", "quote", "figure", "speaker"]


def utf16(text, i):
    return len(text[:i].encode("utf-16-le")) // 2


def record(doc_id, text, spans):
    return {
        "schema": "spanmark/1",
        "offset_unit": "codepoint",
        "id": doc_id,
        "title": text.split("\n")[0][:40],
        "added_at": 0,
        "text": text,
        "spans": [
            {
                "id": n + 1,
                "start": s,
                "end": e,
                "start_utf16": utf16(text, s),
                "end_utf16": utf16(text, e),
                "label": label,
                "text": text[s:e],
                "note": "",
            }
            for n, (s, e, label) in enumerate(spans)
        ],
        "relations": [],
    }


def base_spans(rng, text):
    spans = []
    for _ in range(rng.randint(6, 10)):
        width = rng.randint(3, 40)
        start = rng.randrange(0, len(text) - width)
        spans.append((start, start + width, rng.choice(LABELS)))
    # A nested span of another label inside the first one.
    s, e, label = spans[0]
    if e - s > 4:
        spans.append((s + 1, e - 1, "figure" if label != "figure" else "claim"))
    return spans


def vary(rng, text, spans):
    out = []
    for s, e, label in spans:
        roll = rng.random()
        if roll < 0.15:
            continue  # missing
        if roll < 0.35:
            s2, e2 = max(0, s + rng.randint(-3, 3)), min(len(text), e + rng.randint(-3, 3))
            if s2 < e2:
                s, e = s2, e2  # boundary
        elif roll < 0.45:
            label = rng.choice(LABELS)  # label
        out.append((s, e, label))
    if rng.random() < 0.5:
        start = rng.randrange(0, len(text) - 10)
        out.append((start, start + rng.randint(2, 10), rng.choice(LABELS)))  # extra
    return out


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    rng = random.Random(19)
    out = tmp_path_factory.mktemp("agree")
    names = ["ana", "ben", "cy"]
    files = {n: [] for n in names}
    for doc_id, text in ARTICLES.items():
        base = base_spans(rng, text)
        files["ana"].append(record(doc_id, text, base))
        files["ben"].append(record(doc_id, text, vary(rng, text, base)))
        if doc_id != "storm-4":  # cy skipped this one
            files["cy"].append(record(doc_id, text, vary(rng, text, base)))
    files["ben"].append(record("ben-only", "Only Ben read this piece.", [(0, 4, "claim")]))
    paths = []
    for n in names:
        p = out / f"{n}.jsonl"
        p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in files[n]))
        paths.append(p)
    return names, files, paths, out


def agree_json(paths, *extra):
    run = subprocess.run(
        [BIN, "agree", *map(str, paths), "--json", *extra], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def char_vector(text, spans, label):
    v = np.zeros(len(text), dtype=int)
    for s, e, lab in spans:
        if lab == label:
            v[s:e] = 1
    return v


def spans_of(rec):
    return [(s["start"], s["end"], s["label"]) for s in rec["spans"]]


def max_matching(a, b):
    """Size of a maximum one-to-one matching (Kuhn's augmenting paths) of same-label spans with
    character IoU >= 0.5."""

    def fits(x, y):
        inter = max(0, min(x[1], y[1]) - max(x[0], y[0]))
        union = (x[1] - x[0]) + (y[1] - y[0]) - inter
        return x[2] == y[2] and inter > 0 and 2 * inter >= union

    owner = [None] * len(b)

    def augment(i, seen):
        for j in range(len(b)):
            if fits(a[i], b[j]) and j not in seen:
                seen.add(j)
                if owner[j] is None or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(a)))


def exact_matches(a, b):
    rest = list(b)
    n = 0
    for x in a:
        if x in rest:
            rest.remove(x)
            n += 1
    return n


def f1(tp, na, nb):
    return None if na + nb == 0 else 2 * tp / (na + nb)


def close(got, want):
    if want is None or (isinstance(want, float) and math.isnan(want)):
        assert got is None, f"{got} should be null"
    else:
        assert got is not None and abs(got - want) < 1e-9, f"{got} vs {want}"


def shared_docs(files, a, b):
    by_id = {r["id"]: r for r in files[b]}
    return [(r, by_id[r["id"]]) for r in files[a] if r["id"] in by_id]


def test_counts_and_names(study):
    names, files, paths, _ = study
    got = agree_json(paths)
    assert got["annotators"] == names
    # Four articles, each in at least two files; "ben-only" is in one file only.
    assert got["documents"] == 4
    assert [(p["a"], p["b"]) for p in got["pairs"]] == [("ana", "ben"), ("ana", "cy"), ("ben", "cy")]


def test_cohen_kappa_on_characters_matches_sklearn(study):
    names, files, paths, _ = study
    got = agree_json(paths)
    checked = 0
    for pair in got["pairs"]:
        docs = shared_docs(files, pair["a"], pair["b"])
        for label, scores in pair["labels"].items():
            va = np.concatenate([char_vector(x["text"], spans_of(x), label) for x, _ in docs])
            vb = np.concatenate([char_vector(y["text"], spans_of(y), label) for _, y in docs])
            if va.max() == vb.max() == va.min() == vb.min():
                want = None  # one class only: sklearn returns NaN (with a warning)
            else:
                want = cohen_kappa_score(va, vb)
            close(scores["kappa_chars"], want)
            checked += 1
    assert checked >= 9


def test_span_f1_matches_plain_python(study):
    names, files, paths, _ = study
    got = agree_json(paths)
    for pair in got["pairs"]:
        docs = shared_docs(files, pair["a"], pair["b"])
        totals = [0, 0, 0, 0]  # exact tp, relaxed tp, |A|, |B|
        for label, scores in pair["labels"].items():
            ex = rel = na = nb = 0
            for x, y in docs:
                a = [s for s in spans_of(x) if s[2] == label]
                b = [s for s in spans_of(y) if s[2] == label]
                ex += exact_matches(a, b)
                rel += max_matching(a, b)
                na += len(a)
                nb += len(b)
            close(scores["f1_exact"], f1(ex, na, nb))
            close(scores["f1_relaxed"], f1(rel, na, nb))
            totals = [t + v for t, v in zip(totals, (ex, rel, na, nb))]
        close(pair["overall"]["f1_exact"], f1(totals[0], totals[2], totals[3]))
        close(pair["overall"]["f1_relaxed"], f1(totals[1], totals[2], totals[3]))


def test_fleiss_kappa_on_characters_matches_statsmodels(study):
    names, files, paths, _ = study
    got = agree_json(paths)
    # Fleiss' kappa uses the documents every annotator has.
    ids = set.intersection(*({r["id"] for r in files[n]} for n in names))
    assert ids == {"harbour-1", "ferry-2", "school-3"}
    for label, scores in got["labels"].items():
        rows = []
        for doc_id in sorted(ids):
            recs = [next(r for r in files[n] if r["id"] == doc_id) for n in names]
            k = sum(char_vector(r["text"], spans_of(r), label) for r in recs)
            rows.extend([len(names) - c, c] for c in k)
        table = np.array(rows)
        if table[:, 1].sum() in (0, table.sum()):
            want = None
        else:
            want = fleiss_kappa(table, method="fleiss")
        close(scores["fleiss_kappa_chars"], want)
        assert scores["alpha_u"] is None or -1.0 <= scores["alpha_u"] <= 1.0


def test_another_format_gives_the_same_numbers(study):
    """ben's file exported to doccano (no ids: its documents are matched by text)."""
    names, files, paths, out = study
    doccano = out / "ben.doccano.jsonl"
    subprocess.run(
        [BIN, "convert", "--from", "spanmark", "--to", "doccano", str(paths[1]), str(doccano)],
        check=True,
        capture_output=True,
    )
    native = agree_json(paths[:2])
    mixed = agree_json([paths[0], doccano], "--names", "ana,ben")
    assert mixed == native


def test_same_id_with_another_text_fails_naming_files_and_document(study):
    names, files, paths, out = study
    changed = dict(files["ben"][0])
    changed["text"] = changed["text"].replace("Harbour", "Harbor")
    changed["spans"] = []
    bad = out / "ben-edited.jsonl"
    bad.write_text(json.dumps(changed, ensure_ascii=False) + "\n")
    run = subprocess.run([BIN, "agree", str(paths[0]), str(bad), "--json"], capture_output=True, text=True)
    assert run.returncode == 1
    assert "harbour-1" in run.stderr and "ana.jsonl" in run.stderr and "ben-edited.jsonl" in run.stderr
    assert "panicked" not in run.stderr
