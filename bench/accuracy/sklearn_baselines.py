"""Test accuracy of scikit-learn's LogisticRegression, RandomForest and HistGradientBoosting, with
their default settings, on the split Rookery wrote: fitted on train + validation (the rows Rookery
trains and selects on), scored on test. Numeric columns: median imputation (and scaling for the
logistic regression); text columns: one-hot with missing as its own value.

usage: sklearn_baselines.py RUN_DIR TARGET [train]   prints: logistic forest hgb (accuracies);
  with "train", fitted on the train split only (the rows Rookery's final model is fitted on)
"""
import sys
from pathlib import Path

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

run, target = Path(sys.argv[1]), sys.argv[2]
read = lambda split: pd.read_csv(run / split / f"{split}.csv", keep_default_na=True, na_values=["NA", ""])
fit = read("train") if sys.argv[3:] == ["train"] else pd.concat([read("train"), read("validation")])
test = read("test")
x, y = fit.drop(columns=[target]), fit[target].astype(str)
xt, yt = test.drop(columns=[target]), test[target].astype(str)
numeric = [c for c in x.columns if pd.api.types.is_numeric_dtype(x[c])]
text = [c for c in x.columns if c not in numeric]


def prep(scale):
    num = [SimpleImputer(strategy="median")] + ([StandardScaler()] if scale else [])
    return ColumnTransformer([("num", make_pipeline(*num), numeric),
                              ("cat", make_pipeline(SimpleImputer(strategy="constant", fill_value="(missing)"),
                                                    OneHotEncoder(handle_unknown="ignore")), text)],
                             sparse_threshold=0)


models = [make_pipeline(prep(True), LogisticRegression()),
          make_pipeline(prep(False), RandomForestClassifier(random_state=42)),
          make_pipeline(prep(False), HistGradientBoostingClassifier(random_state=42))]
print(" ".join("%.4f" % m.fit(x, y).score(xt, yt) for m in models))
