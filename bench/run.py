"""`python -m bench.run [--quick] [--out bench/results]`: issue 5's benchmark, one table.

Sections (targets from the issue; timing is reported, never asserted):

1. embedded overhead: the real pipeline on the seed (embedded, cache off) against bare
   llama-cpp-python calls replaying the same prompts to the same token counts (<= 1.10);
2. prompt-prefix reuse: prompt tokens evaluated with llama-cpp-python's prefix reuse and with
   it defeated (`Llama.reset()` before each call);
3. concurrency on the OpenAI-compatible path against a fixed-delay local server
   (<= 1.25 x ideal at concurrency 16);
4. warm cache: a second run makes no model call (warm/cold <= 0.05); and as whole
   `python -m summariser` processes on the seed (`bench.startup`): warm at most 2% of cold
   and within 0.4 s of `python -c pass`, importing no spaCy, model or SDK;
5. scale: per-story time at 1k and 10k stories with a scripted model (10k/1k <= 1.2), and
   peak memory;
6. many bulletins (issue 20): 200 bulletins of 10 stories through `--output-dir` with a
   scripted model, per-story time against one bulletin (<= 1.2) and peak memory.

`--quick` shrinks every section (2 seed stories, 20 stories, 200/2,000) but the whole-process
runs, which take the whole seed in both modes (a cold run: 30-40 s), and prints every row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import usable_cores

DEFAULT_OUT = Path(__file__).resolve().parent / "results"


@dataclass
class Size:
    seed_stories: int | None  # None: the whole seed
    concurrency_stories: int
    scale: tuple[int, int]
    bulletins: int = 200


FULL = Size(seed_stories=None, concurrency_stories=100, scale=(1_000, 10_000))
QUICK = Size(seed_stories=2, concurrency_stories=20, scale=(100, 1_000), bulletins=20)

TARGET_OVERHEAD = 1.10
TARGET_CONCURRENCY = 1.25
TARGET_WARM = 0.05
TARGET_SCALE = 1.20
TARGET_MULTI = 1.20


@dataclass
class Row:
    section: str
    metric: str
    value: str
    target: str = ""
    status: str = ""


def _status(ok: bool | None) -> str:
    if ok is None:
        return "n/a"
    return "PASS" if ok else "MISS"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, Any]:
    cpu = platform.processor() or "unknown"
    try:
        for line in (
            Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace").splitlines()
        ):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = usable_cores()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "python": platform.python_version(),
        "llama_cpp_python": _version("llama_cpp_python"),
        "instructor": _version("instructor"),
        "spacy": _version("spacy"),
        "platform": platform.platform(),
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
    }


# --------------------------------------------------------------------------- rows per section


def embedded_rows(data: dict[str, Any]) -> list[Row]:
    o, p, c = data["overhead"], data["prefix"], data["cache"]
    n = data["stories"]
    ratio = o["ratio"]
    rows = [
        Row(
            "1 overhead",
            f"pipeline wall, seed {n} stories, embedded, cache off",
            f"{o['pipeline_s']:.2f} s",
        ),
        Row(
            "1 overhead",
            f"bare llama calls, same prompts+token counts+grammar ({o['calls']} calls)",
            f"{o['bare_s']:.2f} s",
        ),
        Row(
            "1 overhead",
            "ratio pipeline / bare (wall; bare interleaved per call)",
            f"{ratio:.3f}",
            f"<= {TARGET_OVERHEAD:.2f}",
            _status(ratio is not None and ratio <= TARGET_OVERHEAD),
        ),
        Row("1 overhead", "  pipeline time outside llama calls", f"{o['outside_llama_s']:.2f} s"),
        Row(
            "1 overhead",
            "  load-robust ratio: 1 + outside / llama time in pipeline",
            f"{o['ratio_outside_estimate']:.3f}",
            f"<= {TARGET_OVERHEAD:.2f}",
            _status(o["ratio_outside_estimate"] <= TARGET_OVERHEAD),
        ),
        Row(
            "1 overhead", "  llama calls in pipeline / bare replay", f"{o['ratio_llama_calls']:.3f}"
        ),
        Row(
            "1 overhead",
            "  replay regenerated identical answers",
            f"{o['replay_identical']}/{o['calls']}",
        ),
        Row(
            "1 overhead",
            "  bare, grammar-free (EOS banned, same counts; run later)",
            f"{o['bare_grammar_free_s']:.2f} s "
            f"(with grammar / without: x{o['grammar_cost_ratio']:.2f})",
        ),
        Row(
            "1 overhead",
            "  sampling ms/token: pipeline / bare / bare grammar-free",
            f"{o['sampling_ms_per_token']:.1f} / {o['bare_sampling_ms_per_token']:.1f} / "
            f"{o['grammar_free_sampling_ms_per_token']:.1f}",
        ),
        Row(
            "1 overhead",
            "prompt / completion tokens (all calls)",
            f"{o['prompt_tokens']} / {o['completion_tokens']}",
        ),
        Row(
            "1 overhead",
            "  calls cut at max_tokens (re-asked via issue-4 shim: "
            + ("on" if o["length_as_invalid"] else "off")
            + ")",
            f"{o['cut_at_max_tokens']} of {o['calls']}; {o['failed']} stories not summarised",
        ),
    ]
    for s in data["per_story"]:
        rows.append(
            Row(
                "1 overhead",
                f"  story {s['story']}: attempts, prompt/completion tok, llama s",
                f"{s['attempts']}, {s['prompt_tokens']}/{s['completion_tokens']}, "
                f"{s['llama_s']:.1f} s ({s['status']})",
            )
        )
    rows += [
        Row(
            "1 overhead",
            "prompt eval tok/s (evaluated tokens / prompt eval s)",
            f"{o['prompt_tok_s']:.0f}",
        ),
        Row(
            "1 overhead",
            "generation tok/s (incl. sampling+grammar) / decode-only",
            f"{o['generation_tok_s']:.1f} / {o['decode_tok_s']:.1f}",
        ),
        Row(
            "1 overhead",
            "  decode tok/s per call, min - max (machine load shows here)",
            f"{min(o['decode_tok_s_per_call'], default=0):.1f} - "
            f"{max(o['decode_tok_s_per_call'], default=0):.1f}",
        ),
        Row(
            "1 overhead",
            "generation tok/s without grammar (bare)",
            f"{o['grammar_free_generation_tok_s']:.1f}",
        ),
        Row(
            "1 overhead",
            "generation tok/s, llama-cpp-python's own grammar (the old path, bare)",
            f"{o['full_grammar_generation_tok_s']:.1f} "
            f"(identical answers {o['full_grammar_identical']}/{o['calls']})",
        ),
        Row(
            "1 overhead",
            "load: model / spaCy (not in pipeline time)",
            f"{data['load']['model_s']:.2f} s / {data['load']['spacy_s']:.2f} s",
        ),
        Row(
            "2 prefix",
            "prompt tokens evaluated, normal sequence (prefix reuse)",
            f"{p['evaluated_with_reuse']} of {p['prompt_tokens']}",
        ),
        Row(
            "2 prefix",
            "prompt tokens evaluated, cache defeated (reset each call)",
            f"{p['evaluated_without_reuse']}",
        ),
        Row(
            "2 prefix",
            "tokens reused / saved",
            f"{p['reused']} / {100 * (p['saved_fraction'] or 0):.1f}%",
        ),
        Row(
            "2 prefix",
            "prompt eval seconds with / without reuse (adjacent replays)",
            f"{p['prompt_eval_s_with_reuse']:.2f} / {p['prompt_eval_s_without_reuse']:.2f}",
        ),
    ]
    warm_ok = c["warm_model_calls"] == 0
    rows += [
        Row(
            "4 cache",
            "cold run (empty temp cache): wall, model calls",
            f"{c['cold_s']:.2f} s, {c['cold_model_calls']}",
        ),
        Row(
            "4 cache",
            "warm run: wall, model calls",
            f"{c['warm_s']:.3f} s, {c['warm_model_calls']}",
            "0 calls",
            _status(warm_ok),
        ),
        Row(
            "4 cache",
            "warm / cold",
            f"{c['ratio']:.4f}",
            f"<= {TARGET_WARM:.2f}",
            _status(c["ratio"] is not None and c["ratio"] <= TARGET_WARM),
        ),
    ]
    return rows


def concurrency_rows(data: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    top = max(r["concurrency"] for r in data["runs"])
    for r in data["runs"]:
        rows.append(
            Row(
                "3 concurrency",
                f"{data['stories']} stories, delay {data['delay_s']}s, "
                f"concurrency {r['concurrency']}",
                f"{r['wall_s']:.2f} s = {r['ratio']:.2f} x ideal {r['ideal_s']:.2f} s "
                f"(in flight {r['max_in_flight']})",
            )
        )
    ratios = data["top_ratios"]
    median = data["top_median_ratio"]
    rows.append(
        Row(
            "3 concurrency",
            f"concurrency {top}: median of {len(ratios)} runs (fresh bulletins)",
            f"{median:.2f} x ideal (runs: {', '.join(f'{x:.2f}' for x in ratios)})",
            f"<= {TARGET_CONCURRENCY:.2f} x",
            _status(median <= TARGET_CONCURRENCY),
        )
    )
    f = data["floor"]
    rows.append(
        Row(
            "3 concurrency",
            f"  CPU floor: no delay, concurrency {f['concurrency']}",
            f"{f['wall_s']:.2f} s wall, {f['cpu_s']:.2f} s CPU",
        )
    )
    n = data["named_format"]
    rows.append(
        Row(
            "3 concurrency",
            f"  concurrency {n['concurrency']}, --response-format json_schema (no format probe)",
            f"{n['wall_s']:.2f} s = {n['ratio']:.2f} x ideal",
        )
    )
    rows.append(
        Row(
            "3 concurrency",
            f"  lower bound from whole rounds: ceil(stories / {top}) x delay",
            f"{data['runs'][-1]['ideal_rounds_s']:.2f} s",
        )
    )
    b = data["bare_client"]
    rows.append(
        Row(
            "3 concurrency",
            f"  bare openai client alone, same prompts and server, concurrency {top}",
            f"{b['wall_s']:.2f} s = {b['ratio']:.2f} x ideal; "
            f"{b['cpu_ms_per_story']:.1f} ms CPU/story",
        )
    )
    c = data["client_cpu"]
    rows.append(
        Row(
            "3 concurrency",
            "  client CPU ms/story: this process + candidate workers",
            f"{c['main_ms_per_story']:.1f} + {c['candidates_ms_per_story']:.1f}; on {c['cores']} "
            f"cores at least {c['cpu_bound_s']:.2f} s = {c['cpu_bound_ratio']:.2f} x ideal",
        )
    )
    for longer in data["longer_delays"]:
        rows.append(
            Row(
                "3 concurrency",
                f"  concurrency {top}, delay {longer['delay_s']}s (one run)",
                f"{longer['ratio']:.2f} x ideal",
            )
        )
    last = data["runs"][-1]
    stages = last["stage_cpu_ms_per_story"]
    shown = ", ".join(
        f"{k} {v:.1f}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1]) if v >= 0.5
    )
    rows.append(
        Row(
            "3 concurrency",
            "  client CPU ms/story (total; by stage)",
            f"{last['cpu_ms_per_story']:.1f}; {shown}",
        )
    )
    return rows


def scale_rows(data: dict[str, Any]) -> list[Row]:
    small, large = data["small"], data["large"]
    ratio, cpu_ratio = data["ratio"], data["cpu_ratio"]
    rows = []
    for r in (small, large):
        stages = r["stages_ms_per_story"]
        ordered = sorted(stages.items(), key=lambda kv: -kv[1])
        shown = ", ".join(f"{k} {v:.1f}" for k, v in ordered if v >= 0.5)
        rows += [
            Row(
                "5 scale",
                f"{r['stories']} stories: per story wall (CPU); total",
                f"{r['per_story_ms']:.1f} ms ({r['cpu_per_story_ms']:.1f} ms); "
                f"{r['seconds']:.1f} s ({r['failed']} failed)",
            ),
            Row("5 scale", f"  {r['stories']}: ms/story by stage", shown),
            Row(
                "5 scale",
                f"  {r['stories']}: peak RSS pipeline / render (baseline after warm-up)",
                f"{r['peak_rss_pipeline_mib']:.0f} / {r['peak_rss_render_mib']:.0f} MiB "
                f"({r['baseline_rss_mib']:.0f} MiB)",
            ),
        ]
    label = f"per-story time {large['stories']} / {small['stories']}"
    rows += [
        Row(
            "5 scale",
            label + " (wall)",
            f"{ratio:.3f}",
            f"<= {TARGET_SCALE:.2f}",
            _status(ratio <= TARGET_SCALE),
        ),
        Row(
            "5 scale",
            label + " (CPU, load-robust)",
            f"{cpu_ratio:.3f}",
            f"<= {TARGET_SCALE:.2f}",
            _status(cpu_ratio <= TARGET_SCALE),
        ),
    ]
    return rows


def multi_rows(data: dict[str, Any]) -> list[Row]:
    one, many = data["one"], data["many"]
    rows = [
        Row(
            "6 multi",
            f"{r['bulletins']} bulletin(s) of {r['stories'] // r['bulletins']}: per story wall "
            "(CPU); peak RSS",
            f"{r['per_story_ms']:.1f} ms ({r['cpu_per_story_ms']:.1f} ms); "
            f"{r['peak_rss_mib']:.0f} MiB; {r['written']} written, exit {r['exit_code']}",
        )
        for r in (one, many)
    ]
    ratio = data["ratio"]
    rows += [
        Row(
            "6 multi",
            f"per-story time {many['bulletins']} bulletins / 1 (wall)",
            f"{ratio:.3f}",
            f"<= {TARGET_MULTI:.2f}",
            _status(ratio <= TARGET_MULTI),
        ),
        Row(
            "6 multi",
            f"peak RSS growth {many['bulletins']} bulletins over 1",
            f"{many['peak_rss_mib'] - one['peak_rss_mib']:.1f} MiB",
        ),
    ]
    return rows


# --------------------------------------------------------------------------- output


def table(rows: list[Row], info: dict[str, Any]) -> str:
    headers = Row("section", "metric", "value", "target", "status")
    widths = [
        max(len(getattr(r, f)) for r in [headers, *rows])
        for f in ("section", "metric", "value", "target")
    ]

    def line(r: Row) -> str:
        cells = [
            r.section.ljust(widths[0]),
            r.metric.ljust(widths[1]),
            r.value.ljust(widths[2]),
            r.target.ljust(widths[3]),
            r.status,
        ]
        return " | ".join(cells).rstrip()

    rule = "-+-".join("-" * w for w in widths) + "-+-------"
    head = [
        f"summariser benchmark ({info['mode']}) {info['finished']}",
        f"machine: {info['cpu']}; {info['cores']} cores ({info['usable_cores']} usable); "
        f"Python {info['python']}; llama-cpp-python {info['llama_cpp_python']}; "
        f"instructor {info['instructor']}; spaCy {info['spacy']}",
        f"load average at start {info['loadavg_start']}, at end {info['loadavg_end']}",
        "",
        line(headers),
        rule,
    ]
    return "\n".join(head + [line(r) for r in rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.split("\n\n", 1)[0]
    )
    parser.add_argument("--quick", action="store_true", help="CI sizes: a few minutes on 2 cores")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the JSON results")
    parser.add_argument(
        "--delay", type=float, default=0.2, help="delay server's seconds per answer"
    )
    parser.add_argument(
        "--no-length-shim",
        action="store_true",
        help="do not treat answers cut at max_tokens as invalid (issue 4's pending fix)",
    )
    parser.add_argument(
        "--only",
        default="embedded,startup,concurrency,scale,multi",
        help="comma-separated subset of: embedded, startup, concurrency, scale, multi",
    )
    args = parser.parse_args(argv)
    size = QUICK if args.quick else FULL
    wanted = {part.strip() for part in args.only.split(",") if part.strip()}
    info = machine()
    info["mode"] = "quick" if args.quick else "full"

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    results: dict[str, Any] = {"sizes": asdict(size)}
    rows: list[Row] = []
    started = time.perf_counter()
    if "embedded" in wanted:
        from bench import embedded

        log("sections 1, 2, 4: embedded model")
        found = embedded.run(size.seed_stories, length_as_invalid=not args.no_length_shim, log=log)
        data = asdict(found)
        results["embedded"] = data
        rows += embedded_rows(data)
    if "startup" in wanted:
        from bench import startup

        log("section 4: cold and warm `summarise` processes on the whole seed")
        data = startup.run()
        results["startup"] = data
        rows += startup.rows(data)
    if "concurrency" in wanted:
        from bench import concurrency

        log("section 3: concurrency against the delay server (own process)")
        data = concurrency.run_in_subprocess(size.concurrency_stories, args.delay)
        results["concurrency"] = data
        rows += concurrency_rows(data)
    if "scale" in wanted:
        from bench import scale

        small_n, large_n = size.scale
        log(f"section 5: scale, {small_n} stories (own process)")
        small = scale.measure_in_subprocess(small_n)
        log(f"section 5: scale, {large_n} stories (own process)")
        large = scale.measure_in_subprocess(large_n)
        data = {
            "small": small,
            "large": large,
            "ratio": round(large["per_story_ms"] / small["per_story_ms"], 4),
            "cpu_ratio": round(large["cpu_per_story_ms"] / small["cpu_per_story_ms"], 4),
        }
        results["scale"] = data
        rows += scale_rows(data)
    if "multi" in wanted:
        from bench import multi

        log("section 6: one bulletin through --output-dir (own process)")
        one = multi.measure_in_subprocess(1, 10)
        log(f"section 6: {size.bulletins} bulletins through --output-dir (own process)")
        many = multi.measure_in_subprocess(size.bulletins, 10)
        data = {
            "one": one,
            "many": many,
            "ratio": round(many["per_story_ms"] / one["per_story_ms"], 4),
        }
        results["multi"] = data
        rows += multi_rows(data)
    order = {"1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5}
    rows.sort(key=lambda r: order.get(r.section[:1], 9))  # stable: keeps each section's order
    info["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    info["finished"] = dt.datetime.now().isoformat(timespec="seconds")
    info["bench_seconds"] = round(time.perf_counter() - started, 1)
    rendered = table(rows, info)
    print(rendered)
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / f"bench_{info['mode']}.json"
    payload = {"machine": info, "rows": [asdict(r) for r in rows], "results": results}
    target.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / f"bench_{info['mode']}.txt").write_text(rendered + "\n", encoding="utf-8")
    log(f"wrote {target} ({info['bench_seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
