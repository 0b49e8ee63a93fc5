"""`apitap transcribe` and `apitap say`: results on stdout, bad input as one-line CLIError."""

from __future__ import annotations

import json
import wave

import pytest
import typer
from typer.testing import CliRunner

from api.cli import voice as voice_cli
from api.cli.errors import CLIError

runner = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    voice_cli.register(app)
    return app


def test_say_writes_a_wav(app, tmp_path) -> None:
    out = tmp_path / "hola.wav"

    result = runner.invoke(app, ["say", "Hola, su pedido ha salido.", "--lang", "es", "--engine", "espeak", "-o", str(out)])

    assert result.exit_code == 0, result.output
    with wave.open(str(out)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        assert wav.getnframes() / wav.getframerate() > 1.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["say", "   ", "-o", "x.wav"], "there is no text to speak"),
        (["say", "Hi", "--engine", "espeak", "--voice", "zz-nope", "-o", "x.wav"], "Unknown espeak-ng voice"),
        (["say", "Hi", "--engine", "coqui", "-o", "x.wav"], "Coqui"),
        (["transcribe", "does-not-exist.wav"], "no such file"),
    ],
)
def test_bad_input_ends_in_a_cli_error(app, tmp_path, monkeypatch, args, message) -> None:
    monkeypatch.chdir(tmp_path)

    result = runner.invoke(app, args)

    assert isinstance(result.exception, CLIError)
    assert message in str(result.exception)
    assert "\n" not in str(result.exception)


def test_an_unknown_language_is_refused_by_the_parser(app) -> None:
    result = runner.invoke(app, ["say", "Bonjour", "--lang", "fr", "-o", "x.wav"])
    assert result.exit_code == 2


@pytest.mark.models
def test_transcribe_prints_json(app, tmp_path) -> None:
    audio = tmp_path / "question.wav"
    assert runner.invoke(app, ["say", "Please cancel my order.", "--engine", "piper", "-o", str(audio)]).exit_code == 0

    result = runner.invoke(app, ["transcribe", str(audio), "--json"])

    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout.strip().splitlines()[-1])
    assert payload["language"] == "en"
    assert payload["text"] == "Please cancel my order."


@pytest.mark.models
def test_transcribing_a_text_file_is_a_cli_error(app, tmp_path) -> None:
    text = tmp_path / "notes.wav"
    text.write_text("not audio at all\n" * 20)

    result = runner.invoke(app, ["transcribe", str(text)])

    assert isinstance(result.exception, CLIError)
    assert "not audio in a format we can read" in str(result.exception)
