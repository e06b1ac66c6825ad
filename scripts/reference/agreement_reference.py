#!/usr/bin/python3
"""Reference values for shared/agreement (inter-annotator agreement).

Writes test/fixtures/agreement/reference.json. Run with Debian's python3
(numpy 1.24.2, scikit-learn 1.2.1):

    /usr/bin/python3 scripts/reference/agreement_reference.py

Where each number comes from:
- Cohen's kappa: sklearn.metrics.cohen_kappa_score on the items both annotators
  labelled (sklearn's nan, for no overlap or a single shared category, becomes
  null); confusion matrices: sklearn.metrics.confusion_matrix with the fixed
  category order.
- Fleiss' kappa: statsmodels is not installed here, so fleiss_kappa from
  statsmodels/stats/inter_rater.py (read from the statsmodels repository) is
  transcribed below as `statsmodels_fleiss_kappa`, operation order kept; the
  modal-rater-count item selection in front of it is ours.
- Krippendorff's alpha (nominal): an independent implementation that walks
  every ordered pair of values inside a unit (not the per-unit value counts
  the TypeScript uses), with the nominal difference function spelled out.
- Percent and specific agreement, grader statistics: plain loops, written
  from the definitions in shared/agreement, so they check the arithmetic,
  not the definitions.
"""
import itertools
import json
import math
import os

import numpy as np
import sklearn
from sklearn.metrics import cohen_kappa_score, confusion_matrix

OUTCOMES = ["correct", "incorrect", "abstained"]
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "test", "fixtures", "agreement", "reference.json")


def nan_to_none(x):
    x = float(x)
    return None if math.isnan(x) else x


# --- statsmodels.stats.inter_rater.fleiss_kappa, transcribed -----------------
def statsmodels_fleiss_kappa(table, method="fleiss"):
    table = 1.0 * np.asarray(table)
    n_sub, n_cat = table.shape
    n_total = table.sum()
    n_rater = table.sum(1)
    n_rat = n_rater.max()
    assert n_total == n_sub * n_rat
    p_cat = table.sum(0) / n_total
    table2 = table * table
    p_rat = (table2.sum(1) - n_rat) / (n_rat * (n_rat - 1.0))
    p_mean = p_rat.mean()
    if method == "fleiss":
        p_mean_exp = (p_cat * p_cat).sum()
    elif method.startswith("rand") or method.startswith("unif"):
        p_mean_exp = 1 / n_cat
    kappa = (p_mean - p_mean_exp) / (1 - p_mean_exp)
    return kappa


# --- Krippendorff's alpha, nominal, pair by pair ------------------------------
def krippendorff_alpha_nominal(cells, categories):
    """cells[item][annotator] with None for missing."""
    index = {c: i for i, c in enumerate(categories)}
    k = len(categories)
    o = [[0.0] * k for _ in range(k)]
    for row in cells:
        values = [v for v in row if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, j in itertools.permutations(range(m), 2):
            o[index[values[i]]][index[values[j]]] += 1.0 / (m - 1)
    n_c = [sum(o[c]) for c in range(k)]
    n = sum(n_c)
    if n == 0:
        return None
    delta = lambda c, kk: 0.0 if c == kk else 1.0
    d_o = sum(o[c][kk] * delta(c, kk) for c in range(k) for kk in range(k)) / n
    d_e = sum(n_c[c] * n_c[kk] * delta(c, kk) for c in range(k) for kk in range(k)) / (n * (n - 1))
    if d_e == 0:
        return None
    return 1.0 - d_o / d_e


# --- plain-loop references ----------------------------------------------------
def percent_agreement(cells):
    items = pairs = agreeing = unanimous = 0
    per_item = []
    for row in cells:
        values = [v for v in row if v is not None]
        if len(values) < 2:
            continue
        items += 1
        item_pairs = list(itertools.combinations(values, 2))
        a = sum(1 for x, y in item_pairs if x == y)
        pairs += len(item_pairs)
        agreeing += a
        per_item.append(a / len(item_pairs))
        unanimous += 1 if len(set(values)) == 1 else 0
    if items == 0:
        return {"items": 0, "pairs": 0, "agreeingPairs": 0, "pairwise": None, "meanItemPairwise": None, "unanimous": None}
    return {
        "items": items,
        "pairs": pairs,
        "agreeingPairs": agreeing,
        "pairwise": agreeing / pairs,
        "meanItemPairwise": sum(per_item) / items,
        "unanimous": unanimous / items,
    }


def specific_agreement(cells, categories):
    out = {}
    for c in categories:
        num = den = 0
        for row in cells:
            values = [v for v in row if v is not None]
            if len(values) < 2:
                continue
            n_c = values.count(c)
            num += n_c * (n_c - 1)
            den += n_c * (len(values) - 1)
        out[c] = None if den == 0 else num / den
    return out


def fleiss_block(cells, categories):
    counts = [sum(v is not None for v in row) for row in cells]
    multi = [m for m in counts if m >= 2]
    if not multi:
        return None
    freq = {m: multi.count(m) for m in set(multi)}
    modal = max(freq, key=lambda m: (freq[m], m))  # ties go to more raters
    table = [[row.count(c) for c in categories] for row, m in zip(cells, counts) if m == modal]
    return {
        "raters": modal,
        "itemsUsed": len(table),
        "fleiss": nan_to_none(statsmodels_fleiss_kappa(table, "fleiss")),
        "randolph": nan_to_none(statsmodels_fleiss_kappa(table, "randolph")),
    }


def consensus(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    tally = {v: values.count(v) for v in set(values)}
    top = max(tally.values())
    winners = [v for v in tally if tally[v] == top]
    return winners[0] if len(winners) == 1 else None


def grader_block(cells, annotators, grades):
    human = [consensus(row) for row in cells]
    pairs = [(h, g) for h, g in zip(human, grades) if h is not None and g is not None]
    hx, gx = [p[0] for p in pairs], [p[1] for p in pairs]
    missed = sum(1 for h, g in pairs if h == "incorrect" and g == "correct")
    incorrect = sum(1 for h, _ in pairs if h == "incorrect")
    per = []
    for a, name in enumerate(annotators):
        sel = [(row[a], g) for row, g in zip(cells, grades) if row[a] is not None and g is not None]
        per.append({
            "annotator": name,
            "n": len(sel),
            "kappa": nan_to_none(cohen_kappa_score([s[0] for s in sel], [s[1] for s in sel])) if sel else None,
        })
    return {
        "grades": grades,
        "consensus": human,
        "consensusN": len(pairs),
        "consensusKappa": nan_to_none(cohen_kappa_score(hx, gx)) if pairs else None,
        "consensusConfusion": confusion_matrix(hx, gx, labels=OUTCOMES).tolist(),
        "missedHallucinations": missed,
        "humanIncorrect": incorrect,
        "missedHallucinationRate": None if incorrect == 0 else missed / incorrect,
        "perAnnotator": per,
    }


def describe(name, cells, annotators, categories, grades=None, published=None):
    cohen = []
    for a, b in itertools.combinations(range(len(annotators)), 2):
        both = [(row[a], row[b]) for row in cells if row[a] is not None and row[b] is not None]
        x, y = [p[0] for p in both], [p[1] for p in both]
        cohen.append({
            "a": annotators[a],
            "b": annotators[b],
            "n": len(both),
            # sklearn returns nan for an empty overlap too (with a warning)
            "kappa": nan_to_none(cohen_kappa_score(x, y)) if both else None,
            "confusion": confusion_matrix(x, y, labels=categories).tolist() if both else None,
        })
    out = {
        "name": name,
        "categories": categories,
        "annotators": annotators,
        "items": [f"item-{i:03d}" for i in range(len(cells))],
        "cells": cells,
        "cohen": cohen,
        "fleiss": fleiss_block(cells, categories),
        "alpha": krippendorff_alpha_nominal(cells, categories),
        "percent": percent_agreement(cells),
        "specific": specific_agreement(cells, categories),
    }
    if grades is not None:
        out["grader"] = grader_block(cells, annotators, grades)
    if published is not None:
        out["published"] = published
    return out


def noisy_labels(rng, truth, accuracy, p_missing, probs):
    labels = []
    for t in truth:
        if rng.random() < p_missing:
            labels.append(None)
        elif rng.random() < accuracy:
            labels.append(t)
        else:
            labels.append(OUTCOMES[rng.choice(3, p=probs)])
    return labels


def generated():
    rng = np.random.default_rng(20240611)
    sets = []

    # Everyone labels everything: Fleiss' kappa applies as statsmodels defines it.
    truth = [OUTCOMES[i] for i in rng.choice(3, size=60, p=[0.6, 0.3, 0.1])]
    cols = [noisy_labels(rng, truth, acc, 0.0, [1 / 3] * 3) for acc in (0.85, 0.75, 0.7, 0.6)]
    cells = [list(r) for r in zip(*cols)]
    sets.append(describe("dense_4x60", cells, ["ann", "bo", "cy", "di"], OUTCOMES))

    # Missing data; 'eve' and 'fay' work on disjoint halves, so they never overlap.
    truth = [OUTCOMES[i] for i in rng.choice(3, size=80, p=[0.5, 0.35, 0.15])]
    cols = [noisy_labels(rng, truth, acc, 0.4, [0.4, 0.4, 0.2]) for acc in (0.9, 0.8, 0.7)]
    eve = noisy_labels(rng, truth, 0.75, 0.2, [0.5, 0.3, 0.2])
    fay = noisy_labels(rng, truth, 0.65, 0.2, [0.5, 0.3, 0.2])
    cols.append([v if i < 40 else None for i, v in enumerate(eve)])
    cols.append([v if i >= 40 else None for i, v in enumerate(fay)])
    cells = [list(r) for r in zip(*cols)]
    sets.append(describe("sparse_5x80", cells, ["ann", "bo", "cy", "eve", "fay"], OUTCOMES))

    # High prevalence of 'correct' (the kappa paradox) plus a lenient grader.
    truth = [OUTCOMES[i] for i in rng.choice(3, size=50, p=[0.8, 0.15, 0.05])]
    cols = [noisy_labels(rng, truth, acc, 0.15, [0.8, 0.15, 0.05]) for acc in (0.9, 0.85, 0.8)]
    cells = [list(r) for r in zip(*cols)]
    grades = []
    for t in truth:
        u = rng.random()
        if u < 0.1:
            grades.append(None)
        elif t == "incorrect" and u < 0.45:
            grades.append("correct")  # the grader misses a hallucination
        elif u < 0.85:
            grades.append(t)
        else:
            grades.append(OUTCOMES[rng.choice(3)])
    sets.append(describe("skewed_3x50_grader", cells, ["ann", "bo", "cy"], OUTCOMES, grades=grades))

    # Both annotators only ever say 'correct': sklearn's nan case.
    cells = [["correct", "correct"]] * 5 + [["correct", None]]
    sets.append(describe("single_category", cells, ["ann", "bo"], OUTCOMES))
    return sets


def published():
    def rows_to_cells(rows):
        return [[None if v is None else str(v) for v in col] for col in zip(*rows)]

    sets = []
    # Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", nominal data with missing values:
    # 4 observers x 12 units, nominal values 1..5, alpha = 0.743. Also the data of
    # fast-krippendorff's ordinal/ratio tests.
    k2011 = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    sets.append(describe("krippendorff2011_nominal", rows_to_cells(k2011), ["A", "B", "C", "D"],
                         ["1", "2", "3", "4", "5"], published={"alpha": 0.743, "decimals": 3}))
    # Wikipedia's computational example; fast-krippendorff asserts 0.691358 (6 d.p.).
    wiki = [
        [None, None, None, None, None, 3, 4, 1, 2, 1, 1, 3, 3, None, 3],
        [1, None, 2, 1, 3, 3, 4, 3, None, None, None, None, None, None, None],
        [None, None, 2, 1, 3, 4, 4, None, 2, 1, 1, 3, 3, None, 4],
    ]
    sets.append(describe("wikipedia_nominal", rows_to_cells(wiki), ["A", "B", "C"], ["1", "2", "3", "4"],
                         published={"alpha": 0.691358, "decimals": 6}))
    # fast-krippendorff test_string_labels_nominal: 0.722222 (6 d.p.).
    strings = [["pos", "neg", "neu", None], ["pos", "neg", "neu", "pos"], ["pos", "neg", "pos", "pos"]]
    sets.append(describe("strings_nominal", rows_to_cells(strings), ["A", "B", "C"], ["pos", "neg", "neu"],
                         published={"alpha": 0.722222, "decimals": 6}))
    return sets


def main():
    doc = {
        "generator": "scripts/reference/agreement_reference.py",
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "datasets": generated() + published(),
    }
    for d in doc["datasets"]:
        if "published" in d:
            p = d["published"]
            assert round(d["alpha"], p["decimals"]) == p["alpha"], (d["name"], d["alpha"])
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
