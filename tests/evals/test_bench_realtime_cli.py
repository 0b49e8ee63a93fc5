"""`apitap bench realtime` refuses unknown paths and languages with one line and a non-zero exit, before it starts
a server or loads anything."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from evals.bench.cli import bench_app

runner = CliRunner()


@pytest.mark.parametrize(("args", "named"), [(["--path", "fax"], "fax"), (["--language", "fr"], "fr")])
def test_unknown_choices_are_refused(args, named):
    result = runner.invoke(bench_app, ["realtime", *args])
    assert result.exit_code == 2
    assert f"unknown {named}" in result.output
    assert "Traceback" not in result.output
