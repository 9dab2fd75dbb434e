"""Writes the benchmark's datasets as CSV (target first), all offline: scikit-learn's bundled
copies (Debian python3-sklearn) and one generated, seeded table of mixed types with missing values.

usage: datasets.py OUT_DIR   prints one line per dataset: NAME FILE TARGET SHAPE
"""
import csv
import random
import sys
from pathlib import Path

from sklearn import datasets

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)


def write(name, target, header, rows, shape):
    path = out / f"{name}.csv"
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([target] + header)
        w.writerows(rows)
    print(name, path, target, shape)


def bundled(name, loader, prefix):
    d = loader()
    header = [f"f{i}" for i in range(d.data.shape[1])]
    rows = [[f"{prefix}{d.target[r]}"] + [repr(float(v)) for v in d.data[r]] for r in range(d.data.shape[0])]
    write(name, "label", header, rows, "%d rows x %d numeric" % d.data.shape)


# wide numeric: 8x8 digit images, 64 numeric features, 1797 rows, 10 classes
bundled("digits", datasets.load_digits, "d")
# few rows: 178 wines, 13 numeric features, 3 classes
bundled("wine", datasets.load_wine, "w")
# medium: 569 tumours, 30 numeric features, 2 classes
bundled("breast_cancer", datasets.load_breast_cancer, "c")

# mixed types with missing values: a loan-style table, 2000 rows; the label depends on a
# numeric interaction, a categorical and a threshold, with 10% label noise; ~8% of cells missing.
rng = random.Random(42)
header = ["age", "income", "debt", "region", "employment", "owns_home", "years_at_job"]
rows = []
for _ in range(2000):
    age = rng.randint(18, 80)
    income = round(rng.lognormvariate(10.5, 0.5), 2)
    debt = round(rng.uniform(0, 1.2) * income, 2)
    region = rng.choice(["north", "south", "east", "west"])
    employment = rng.choice(["salaried", "self", "none", "retired"])
    owns = rng.choice(["yes", "no"])
    years = rng.randint(0, 40)
    score = (income - debt) / 10000 + (1.5 if employment == "salaried" else -1.0 if employment == "none" else 0) \
        + (0.8 if owns == "yes" else 0) + (0.5 if region == "north" else 0) + (years > 5) * 0.7 - (age > 65) * 0.6
    label = "good" if score > 1.0 else "bad"
    if rng.random() < 0.1:
        label = "bad" if label == "good" else "good"
    cells = [age, income, debt, region, employment, owns, years]
    cells = ["" if rng.random() < 0.08 else c for c in cells]
    rows.append([label] + cells)
write("loans_mixed", "label", header, rows, "2000 rows, 4 numeric + 3 categorical, 8% missing")
