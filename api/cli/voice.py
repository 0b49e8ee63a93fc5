"""Top-level `apitap` commands for the voice area: `apitap transcribe FILE` and `apitap say TEXT -o out.wav`."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from api.cli.errors import CLIError, catalogue_language


class EngineChoice(StrEnum):
    piper = "piper"
    kokoro = "kokoro"
    espeak = "espeak"
    coqui = "coqui"


def transcribe(
    file: Annotated[Path, typer.Argument(help="Audio file: wav, webm/opus, ogg, mp3, m4a …")],
    lang: Annotated[str | None, typer.Option(
        "--lang", callback=catalogue_language, help="Force the language (en, es, …); default: detected.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print {text, language, duration_s} as JSON.")] = False,
) -> None:
    """Transcribe an audio file offline with Whisper, in one of the languages with a catalogue."""
    from core.settings import get_settings
    from voice.interfaces import AudioInputError, EngineUnavailable
    from voice.stt.whisper import WhisperSTT

    audio = _read(file)
    try:
        stt = WhisperSTT.load(get_settings(), warm_up=False)
        result = stt.transcribe(audio, lang)
    except (AudioInputError, EngineUnavailable) as exc:
        raise CLIError(f"{file}: {exc}") from exc
    if as_json:
        typer.echo(json.dumps({"text": result.text, "language": result.language,
                               "duration_s": round(result.duration_s, 3)}, ensure_ascii=False))
    else:
        typer.echo(result.text)


def say(
    text: Annotated[str, typer.Argument(help="What to say.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="WAV file to write (16-bit PCM, mono).")],
    lang: Annotated[str, typer.Option(
        "--lang", callback=catalogue_language, help="Language of the text (en, es, …).")] = "en",
    engine: Annotated[
        EngineChoice | None, typer.Option("--engine", help="TTS engine; default: the configured one.")
    ] = None,
    voice: Annotated[str | None, typer.Option("--voice", help="A voice of that engine.")] = None,
) -> None:
    """Speak TEXT into a WAV file offline."""
    from core.settings import get_settings
    from voice.interfaces import EngineUnavailable, TextInputError
    from voice.tts import configured_engine, load_engine, load_for_language

    settings = get_settings()
    language = lang
    if not text.strip():
        raise CLIError("there is no text to speak")
    if len(text) > settings.max_text_chars:
        raise CLIError(f"the text is {len(text)} characters; the limit is {settings.max_text_chars}")
    try:
        if engine is None and voice is None:
            loaded = load_for_language(settings, language)
            if loaded.fallback_reason:
                typer.echo(f"warning: {loaded.fallback_reason}; speaking with espeak-ng", err=True)
            tts = loaded.tts
        else:
            tts = load_engine(engine.value if engine else configured_engine(settings, language), language, voice,
                              settings)
        audio = tts.synthesize(text, language)
    except (EngineUnavailable, TextInputError) as exc:
        raise CLIError(str(exc)) from exc
    try:
        output.write_bytes(audio.to_wav())
    except OSError as exc:
        raise CLIError(f"cannot write {output}: {exc.strerror}") from exc
    typer.echo(f"{output}: {audio.duration_s:.2f} s, {audio.sample_rate} Hz, {tts.name}", err=True)


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except FileNotFoundError as exc:
        raise CLIError(f"{file}: no such file") from exc
    except IsADirectoryError as exc:
        raise CLIError(f"{file}: is a directory") from exc
    except OSError as exc:
        raise CLIError(f"{file}: {exc.strerror}") from exc


def register(app: typer.Typer) -> None:
    app.command("transcribe")(transcribe)
    app.command("say")(say)
