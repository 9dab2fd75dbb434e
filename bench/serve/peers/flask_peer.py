"""Peer endpoint: Flask + scikit-learn under gunicorn, the stack of SageMaker's scikit-learn serving container."""
import os, json, pickle, pandas as pd
from flask import Flask, request, Response

bundle = pickle.load(open(os.environ["PEER_MODEL"], "rb"))
model, columns = bundle["model"], bundle["columns"]
app = Flask(__name__)

@app.get("/ping")
def ping():
    return Response("{}", mimetype="application/json")

@app.post("/invocations")
def invocations():
    body = request.get_json(force=True)
    rows = body if isinstance(body, list) else [body]
    df = pd.DataFrame(rows, columns=columns)
    preds = model.predict(df)
    probs = model.predict_proba(df).max(axis=1)
    return Response(json.dumps([{"prediction": p, "confidence": float(c)} for p, c in zip(preds, probs)]), mimetype="application/json")
