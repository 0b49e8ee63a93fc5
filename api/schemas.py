"""Request and response bodies of the HTTP API (what OpenAPI shows)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError

from agent.contract import TurnResult
from core.i18n import Language, choices_text, is_supported, languages

SessionId = Field(
    None, min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$",
    description="Continue a conversation; omit to start a new one (the answer carries the new id).",
)
AUTO = "auto"


def _language_or_auto(value: str) -> str:
    if value != AUTO and not is_supported(value):
        raise PydanticCustomError("language", "Input should be {choices}", {"choices": choices_text((AUTO,))})
    return value


class _LanguageChoiceSchema:
    def __get_pydantic_json_schema__(self, core_schema: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return {"type": "string", "enum": [*languages(), AUTO]}


LanguageChoice = Annotated[str, AfterValidator(_language_or_auto), _LanguageChoiceSchema()]
"""A language with a catalogue, or "auto" to detect it."""
HealthStatus = Literal["ok", "degraded", "down"]


class TextQuery(BaseModel):
    text: str = Field(description="What the customer typed.", examples=["What is the status of order 1?"])
    session_id: str | None = SessionId
    customer_id: int | None = Field(
        None, ge=1, description="Act for this customer. Honoured only from a trusted caller (X-API-Key, or local mode)."
    )
    language: LanguageChoice | None = Field(None, description="Answer language; omit or 'auto' to detect it.")
    speak: bool = Field(
        True, description="Also synthesise the answer. The response still comes as soon as the text is ready; the "
        "WAV follows at `audio_url` (a GET there waits until it is made).",
    )
    wait_for_audio: bool = Field(
        False, description="With `speak`: respond only once the audio is made (`timings_ms.tts_total` then says how "
        "long it took).",
    )


class TurnResponse(TurnResult):
    audio_url: str | None = Field(
        None, description="Where the spoken answer can be fetched (WAV), when requested. It may still be in the "
        "making: a GET waits for it.",
    )
    audio_error: str | None = Field(None, description="Why there is no audio although it was requested.")


class Transcription(BaseModel):
    text: str
    language: Language
    duration_s: float = Field(description="Length of the audio in seconds.")


class VoiceTurnResponse(TurnResponse):
    transcription: Transcription


class SynthesizeRequest(BaseModel):
    text: str = Field(examples=["Hello, how can I help you?"])
    language: Language | None = Field(None, description="Omit to use English.")
    voice: str | None = Field(None, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$", description="An engine voice name.")


class ComponentHealth(BaseModel):
    status: HealthStatus
    detail: str


class Health(BaseModel):
    status: HealthStatus = Field(description="down when the database or the LLM is down; degraded when any part is.")
    components: dict[str, ComponentHealth]


class ApiInfo(BaseModel):
    name: str
    version: str
    engines: dict[str, str] = Field(description="The configured LLM, speech-to-text and text-to-speech engines.")
    languages: list[str]
    demo_customer_picker: bool = Field(description="Local mode: the page may offer to act as a demo customer.")
    api_key_required: bool = Field(description="Acting for a customer needs X-API-Key.")
    limits: dict[str, float]


class DemoCustomer(BaseModel):
    id: int
    first_name: str
    city: str | None


class ErrorBody(BaseModel):
    detail: str
    request_id: str | None = None
