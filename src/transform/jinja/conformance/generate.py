#!/usr/bin/env python3
"""Regenerates expected.json from cases.json with real Jinja2.

Each case is {name, template, context}. The output maps each case name to
{"output": "<rendered text>"} or {"error": true, "type": "<exception class>"}.
Environment: Jinja2 3.1.x defaults (autoescape off, trim_blocks/lstrip_blocks
off, keep_trailing_newline off) with the `do` and `loopcontrols` extensions,
as dbt configures it.

Usage: python3 src/transform/jinja/conformance/generate.py
"""
import json
import os
import sys

import jinja2

HERE = os.path.dirname(os.path.abspath(__file__))


def main() -> int:
    with open(os.path.join(HERE, "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)
    env = jinja2.Environment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
    expected = {}
    for case in cases:
        try:
            out = env.from_string(case["template"]).render(**case.get("context", {}))
            expected[case["name"]] = {"output": out}
        except Exception as e:  # noqa: BLE001 - any error is recorded as an expected error
            expected[case["name"]] = {"error": True, "type": type(e).__name__, "message": str(e)}
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({"jinja2": jinja2.__version__, "cases": expected}, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(expected)} expectations with Jinja2 {jinja2.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
