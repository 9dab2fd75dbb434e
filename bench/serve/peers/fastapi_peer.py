"""Peer endpoint: FastAPI + scikit-learn, SageMaker-style /ping and /invocations (JSON)."""
import os, pickle, pandas as pd
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

bundle = pickle.load(open(os.environ["PEER_MODEL"], "rb"))
model, columns = bundle["model"], bundle["columns"]
app = FastAPI()

@app.get("/ping")
def ping():
    return {"status": "ok"}

@app.post("/invocations")
async def invocations(request: Request):
    body = await request.json()
    rows = body if isinstance(body, list) else [body]
    df = pd.DataFrame(rows, columns=columns)
    preds = model.predict(df)
    probs = model.predict_proba(df).max(axis=1)
    return JSONResponse([{"prediction": p, "confidence": float(c)} for p, c in zip(preds, probs)])
