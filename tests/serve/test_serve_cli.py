"""`annals serve` and `annals demo` as a user runs them."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from live import build_db
from typer.testing import CliRunner

from annals.cli import app
from annals.pipeline import Pipeline

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    return build_db(tmp_path_factory.mktemp("cli"), pipeline, hostile=False)


def test_cli_serve_prints_the_url_and_serves_until_interrupted(db: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "annals", "serve", "--db", str(db), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "COLUMNS": "200"})
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert "annals explorer: http://127.0.0.1:" in line, line + (process.stderr.read() if process.stderr else "")
        url = line.split()[2]
        summary = httpx.get(url + "api/summary", timeout=10).json()
        assert summary["documents"] == 2 and summary["events"] > 0
        assert "<title>annals explorer</title>" in httpx.get(url, timeout=10).text
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_cli_serve_reports_a_missing_database(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db"), "--port", "0"])
    assert result.exit_code == 1
    assert "STORE-E001" in result.stderr and "annals ingest" in result.stderr


def test_cli_serve_reports_a_port_in_use(db: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--db", str(db), "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port 0" in result.stderr


def test_cli_demo_builds_the_database_without_serving(tmp_path: Path) -> None:
    output = tmp_path / "demo"
    result = runner.invoke(app, ["demo", "--output", str(output), "--no-serve"])
    assert result.exit_code == 0, result.output
    assert (output / "annals.db").is_file() and (output / "kharkiv_counteroffensive_2022.txt").is_file()
    data = json.loads((output / "events.jsonl").read_text())
    assert f"wrote {len(data['events'])} events to" in result.stdout
    again = runner.invoke(app, ["demo", "--output", str(output), "--no-serve"])
    assert again.exit_code == 0 and json.loads((output / "events.jsonl").read_text()) == data
