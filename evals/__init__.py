"""The eval suite: gold-annotated bulletins, a model-free scorer, and a runner.

`evals.score` holds the pure scoring functions; `evals.run.main` runs the pipeline over
`evals/gold/*.json` and writes `report.json` / `report.md` (`python -m evals`).
"""
