"""An ingest killed with SIGKILL in the middle of a document's transaction loses nothing
committed, leaves no half-written document, and a re-run completes the database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annals.pipeline import Pipeline
from annals.store import Store

# The child ingests with a pause *inside* each document's transaction (after the
# inserts, before COMMIT) and drops a marker file first, so the test knows when to kill.
CHILD = """
import sys, time
from pathlib import Path
from annals.store import sqlite

markers = Path(sys.argv[2])
insert = sqlite.Store._insert

def slow_insert(self, path, key, record):
    insert(self, path, key, record)
    (markers / str(len(list(markers.iterdir())))).write_text(path)
    time.sleep(0.4)

sqlite.Store._insert = slow_insert
with sqlite.Store(sys.argv[1]) as store:
    for result in store.ingest_each(sys.argv[3:], use_geo=False):
        print(result.outcome, result.path, flush=True)
"""


def _wait_for(path: Path, process: subprocess.Popen[str], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            pytest.fail(f"the ingest ended before it could be killed: {process.communicate()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("the ingest never reached the third document")
        time.sleep(0.01)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_store_crash_mid_transaction_leaves_a_consistent_database(tmp_path: Path, shared: Path) -> None:
    files = [shared / "corpus/seed/deir_ez-zor_offensive_2018.txt",
             *sorted((shared / "corpus/wikipedia/syria").glob("*.md"))[:4]]
    db, markers = tmp_path / "crash.db", tmp_path / "markers"
    markers.mkdir()
    process = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(markers), *map(str, files)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(markers / "2", process)  # documents 0 and 1 committed, document 2 inside its transaction
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL

    interrupted = (markers / "2").read_text()
    with Store(db) as store:
        assert store.verify() == []
        stored = [d["path"] for d in store.documents()]
        assert sorted(stored) == sorted(str(f.resolve()) for f in files[:2])
        assert interrupted not in stored
        counts = store.connection.execute("SELECT count(*), count(DISTINCT id) FROM events").fetchone()
        assert counts[0] == counts[1] == sum(d["event_count"] for d in store.documents())
        orphans = store.connection.execute(
            "SELECT (SELECT count(*) FROM sentences WHERE document_id NOT IN (SELECT id FROM documents))"
            " + (SELECT count(*) FROM claims WHERE event_id NOT IN (SELECT id FROM events))").fetchone()[0]
        assert orphans == 0

        pipeline = Pipeline(use_geo=False)
        summary = store.ingest(files, pipeline=pipeline)
        assert (summary.unchanged, summary.added, summary.failed) == (2, 3, 0)
        assert store.verify() == []
        for path in files:
            assert store.document(path) == pipeline.extract_path(path.resolve()).to_dict()
