"""Score IEPile-format predictions with IEPile's own eval_func.py and print its figures as JSON.

Usage: python3 scripts/iepile-eval-expected.py <IEPile checkout> <task> <predictions.jsonl>

Used once to write test/fixtures/iepile-fidelity/expected-scores.json. IEPile's metric module imports
rouge_chinese and jieba for ROUGE, which F1 scoring never calls; they are stood in by empty modules so
that nothing needs installing. Everything else is IEPile's code, imported from the checkout.
"""
import json
import os
import sys
import tempfile
import types

sys.path.insert(0, os.path.join(sys.argv[1], "ie2instruction"))
for name in ("rouge_chinese", "jieba"):
    stub = types.ModuleType(name)
    stub.Rouge = object
    stub.cut = lambda text: text
    sys.modules[name] = stub

import eval_func  # noqa: E402

with tempfile.TemporaryDirectory() as folder:
    options = types.SimpleNamespace(path1=sys.argv[3], task=sys.argv[2], sort_by="", match_mode="normal",
                                    metrics_list="f1", out_path=os.path.join(folder, "out.json"))
    sys.stdout = open(os.devnull, "w")  # eval_func prints every output it cannot read
    eval_func.evaluate(options)
    sys.stdout = sys.__stdout__
    print(json.dumps(json.load(open(options.out_path))["total"], ensure_ascii=False))
