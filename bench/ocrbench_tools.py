"""The three OCR tools bench/ocr compares, each run over one batch of pages.

Every runner takes (pages, work folder, options) and returns a ToolRun: wall
seconds for the batch, the recognised text per page path, the peak resident
set size (GNU time's %M, KB) and the pages the tool failed on; intake's also
says how it turned and levelled each page.
All of them keep every core busy: intake with its own worker threads (one per
core by default), the CLI and OCRmyPDF with one process per core.
"""

import concurrent.futures
import dataclasses
import glob
import json
import os
import subprocess
import time

GNU_TIME = "/usr/bin/time"
ONE_THREAD = dict(os.environ, OMP_THREAD_LIMIT="1")


class ToolError(Exception):
    """A tool could not run at all (not a per-page failure)."""


@dataclasses.dataclass
class ToolRun:
    seconds: float
    texts: dict      # page path -> recognised text ("" when it failed)
    peak_kb: int
    failed: list     # paths of pages the tool failed on
    # page path -> (rotation, skew_deg) of its first page as intake recorded
    # them; other tools do not say
    geometry: dict = dataclasses.field(default_factory=dict)


def timed(cmd, memfile):
    """cmd wrapped in GNU time writing the max RSS (KB) to memfile."""
    return [GNU_TIME, "-f", "%M", "-o", memfile] + cmd


def read_peak_kb(memfile):
    """GNU time's %M; the file's last line (a failing command adds a line)."""
    try:
        with open(memfile) as f:
            return int(f.read().split()[-1])
    except (OSError, ValueError, IndexError):
        return 0


def last_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return lines[-1] if lines else "(no message)"


def run_intake(pages, work, options):
    """`intake ingest --json` into a fresh store; text via `intake export`."""
    store, out, memfile = (os.path.join(work, n) for n in ("store", "export", "mem"))
    os.mkdir(store)
    cmd = timed([options.intake, "ingest", "--json"] + [p.path for p in pages], memfile)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=store, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # 1: some input quarantined
        raise ToolError(f"intake ingest exited {proc.returncode}: "
                        f"{last_line(proc.stderr)}")
    results = json.loads(proc.stdout or "[]")
    failed = [r.get("path", "?") for r in results
              if r.get("result") not in ("done", "duplicate")]
    proc = subprocess.run([options.intake, "export", "--all", "--format", "json",
                           "--out", out], cwd=store, capture_output=True, text=True)
    if proc.returncode != 0:
        raise ToolError(f"intake export exited {proc.returncode}: "
                        f"{last_line(proc.stderr)}")
    by_sha = {}  # source.sha256 is the original file's; robust to path spelling
    for name in glob.glob(os.path.join(out, "*.json")):
        with open(name, encoding="utf-8") as f:
            doc = json.load(f)
        by_sha[doc["source"]["sha256"]] = doc
    docs = {p.path: by_sha.get(p.sha256, {}) for p in pages}
    texts = {path: doc.get("text") or "" for path, doc in docs.items()}
    geometry = {path: (doc["pages"][0]["rotation"], doc["pages"][0]["skew_deg"])
                for path, doc in docs.items() if doc.get("pages")}
    return ToolRun(seconds, texts, read_peak_kb(memfile), failed, geometry)


def run_pool(pages, work, one_page):
    """Runs one_page(page, scratch prefix) -> (text, peak KB, ok) for every
    page with os.cpu_count() processes at once."""
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        futures = [pool.submit(one_page, page, os.path.join(work, str(i)))
                   for i, page in enumerate(pages)]
        results = [f.result() for f in futures]
    seconds = time.perf_counter() - start
    return ToolRun(seconds, {p.path: r[0] for p, r in zip(pages, results)},
                   max((r[1] for r in results), default=0),
                   [p.path for p, r in zip(pages, results) if not r[2]])


def run_tesseract(pages, work, _options):
    """`OMP_THREAD_LIMIT=1 tesseract IMG stdout`, one process per core."""
    def one_page(page, prefix):
        cmd = timed(["tesseract", page.path, "stdout"], prefix + ".mem")
        proc = subprocess.run(cmd, env=ONE_THREAD, capture_output=True)
        ok = proc.returncode == 0
        text = proc.stdout.decode("utf-8", "replace") if ok else ""
        return text, read_peak_kb(prefix + ".mem"), ok
    return run_pool(pages, work, one_page)


def ocrmypdf_command(page, prefix, oversample, dpi):
    cmd = ["ocrmypdf", "--rotate-pages", "--deskew", "--sidecar",
           prefix + ".txt", "--output-type", "pdf", "--jobs", "1"]
    if dpi:
        cmd += ["--image-dpi", str(dpi)]
    if oversample:
        cmd += ["--oversample", str(oversample)]
    return cmd + [page.path, prefix + ".pdf"]


def run_ocrmypdf(pages, work, options):
    """OCRmyPDF per page, one process per core, text from the sidecar.

    An image without a resolution gets `--image-dpi 300` (OCRmyPDF refuses
    it otherwise); if OCRmyPDF still rejects the resolution it is retried
    once with 300 dpi."""
    def one_page(page, prefix):
        peak = 0
        for dpi in ([None, 300] if page.dpi else [300]):
            cmd = ocrmypdf_command(page, prefix, options.ocrmypdf_oversample, dpi)
            proc = subprocess.run(timed(cmd, prefix + ".mem"), env=ONE_THREAD,
                                  capture_output=True, text=True, errors="replace")
            peak = max(peak, read_peak_kb(prefix + ".mem"))
            if proc.returncode == 0 or "DpiError" not in proc.stderr:
                break
        if proc.returncode != 0:
            return "", peak, False
        with open(prefix + ".txt", encoding="utf-8", errors="replace") as f:
            return f.read(), peak, True
    return run_pool(pages, work, one_page)


RUNNERS = {"intake": run_intake, "tesseract": run_tesseract,
           "ocrmypdf": run_ocrmypdf}
