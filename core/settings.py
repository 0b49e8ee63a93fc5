"""Every run-time setting of Apitap, in one typed place.

Values come from environment variables (UPPER_CASE names) and an optional `.env` file; each one is documented in
`.env.example`. Nothing else in the code base reads the environment.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class LLMProvider(StrEnum):
    llamacpp = "llamacpp"
    ollama = "ollama"
    openai = "openai"


class CheckpointerKind(StrEnum):
    sqlite = "sqlite"
    postgres = "postgres"
    redis = "redis"
    memory = "memory"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # --- storage -------------------------------------------------------------------------------------------
    data_dir: Path = Field(Path("var"), description="Where the embedded DB, checkpoints and audio cache live.")
    model_cache_dir: Path = Field(
        Path.home() / ".cache" / "apitap" / "models",
        description="Where model files assembled from installed packages are kept.",
    )
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL. Unset: embedded SQLite under DATA_DIR/db. "
        "MySQL/MariaDB: mysql+pymysql://user:pass@host:3306/ (no database: the five schemas are qualified).",
    )

    # --- LLM -----------------------------------------------------------------------------------------------
    llm_provider: LLMProvider = LLMProvider.llamacpp
    llm_model_path: Path | None = Field(None, description="A GGUF file for llamacpp; unset: the packaged Qwen2.5.")
    llm_threads: int = Field(2, ge=1, le=256)
    llm_context_tokens: int = Field(4096, ge=512, le=131072)
    llm_max_answer_tokens: int = Field(160, ge=16, le=4096)
    llm_timeout_s: float = Field(60.0, gt=0)
    llm_weight_repack: Literal["auto", "on", "off"] = Field(
        "auto",
        description="llama.cpp's repacked weight layouts (faster matrix products on the CPU). auto: on, except on a CPU "
        "with AMX, where llama.cpp's AMX kernels crash on Q4_K models (ggml-org/llama.cpp#20824; seen here).",
    )
    ollama_host: str = "http://localhost:11434"
    ollama_model: str = "llama3.2:1b"
    openai_base_url: str = "http://localhost:8080/v1"
    openai_api_key: SecretStr = SecretStr("not-needed")
    openai_model: str = "qwen2.5-coder-1.5b-instruct"
    agent_max_tool_steps: int = Field(4, ge=1, le=16)
    agent_answers: Literal["templates", "model"] = Field(
        "templates",
        description="templates: the built-in tools' results are read out from fixed sentences (fast, every fact "
        "kept); model: the LLM writes every answer.",
    )

    # --- conversation memory -------------------------------------------------------------------------------
    checkpointer: CheckpointerKind = CheckpointerKind.sqlite
    checkpoint_url: str | None = Field(
        None, description="Postgres DSN or Redis URL for CHECKPOINTER=postgres|redis; SQLite file path otherwise."
    )

    # --- conversation review and handoff to a human --------------------------------------------------------
    review_enabled: bool = Field(
        True, description="Record every turn (redacted) for the review page; handoffs are recorded either way.",
    )
    review_db_url: str | None = Field(
        None,
        description="SQLAlchemy URL of the review store (turns, handoffs); unset: SQLite DATA_DIR/review.sqlite. "
        "Postgres (postgresql+psycopg://…) when several replicas share it. Never the shop's database.",
    )
    review_retention_days: int = Field(
        30, ge=1, le=3650, description="Recorded turns and handoffs older than this many days are deleted."
    )
    handoff_after_failed_turns: int = Field(
        3, ge=0, le=20, description="Hand off after this many turns in a row the agent could not help; 0: never."
    )
    handoff_phone_number: str | None = Field(
        None, pattern=r"^\+?[0-9][0-9 ()-]{2,30}$",
        description="Where the phone path transfers a caller who is handed off (E.164, e.g. +15551234567).",
    )

    # --- speech to text ------------------------------------------------------------------------------------
    whisper_model: str = Field("base", description="'base' (packaged), a local CTranslate2 dir, or a hub name.")
    stt_device: str = "cpu"
    stt_compute_type: str = "int8"
    stt_threads: int = Field(2, ge=1, le=256)
    stt_beam_size: int = Field(1, ge=1, le=10)
    stt_vad: bool = True

    # --- text to speech ------------------------------------------------------------------------------------
    tts_engine_en: str = "piper"
    tts_engine_es: str = "kokoro"
    tts_voice_en: str | None = None
    tts_voice_es: str | None = None
    coqui_model: str = "tts_models/es/css10/vits"

    # --- hands-free real-time audio (browser and phone) ----------------------------------------------------
    realtime_max_sessions: int = Field(
        2, ge=1, le=1000, description="Live hands-free sessions and phone calls at once; more are refused (503)."
    )
    realtime_max_call_s: float = Field(900.0, gt=0, description="A call or session longer than this is ended.")
    realtime_idle_timeout_s: float = Field(
        60.0, gt=0, description="A call with no speech from the caller for this long is ended."
    )
    realtime_max_turn_s: float = Field(
        30.0, gt=1, description="One caller turn longer than this is cut there and answered."
    )
    realtime_vad_confidence: float = Field(0.7, gt=0, lt=1, description="Silero VAD speech probability threshold.")
    realtime_vad_start_s: float = Field(0.2, ge=0.03, le=2, description="Speech this long starts a turn.")
    realtime_vad_stop_s: float = Field(
        0.2, ge=0.03, le=2, description="Silence this long is a pause: the end-of-turn model is asked then."
    )
    realtime_vad_min_volume: float = Field(0.6, ge=0, le=1, description="Silero VAD minimum (smoothed) volume.")
    realtime_turn_stop_s: float = Field(
        2.0, gt=0.1, le=10,
        description="Silence after which a turn ends even if the end-of-turn model thinks the caller is not done.",
    )
    realtime_unfinished_above: float = Field(
        0.88, gt=0, le=1,
        description="A turn whose words the words-based judge finds this likely unfinished waits for more "
        "(up to REALTIME_TURN_STOP_S of silence); 1 turns the judge off.",
    )
    realtime_continue_within_s: float = Field(
        3.0, ge=0, le=30,
        description="Caller speech this soon after a turn ended, before a word of its answer was played, goes on "
        "with that turn: the answer being prepared is dropped and the two are answered as one (a pause the "
        "end-of-turn model took for the end); 0 turns this off.",
    )
    realtime_partial_interval_s: float = Field(
        1.5, ge=0.3, description="While the caller speaks without pausing, a partial transcript this often."
    )
    realtime_barge_in_min_speech_s: float = Field(
        0.4, ge=0.05, le=3,
        description="Caller speech over the assistant pauses it at once; speech this long takes the floor unless its "
        "words are a backchannel ('ok') or echo, shorter speech (a cough) does not: the answer goes on from where it paused.",
    )
    realtime_filler_after_s: float = Field(
        2.0, gt=0, description="No answer audio this long after the turn ended: a short spoken filler."
    )
    twilio_auth_token: SecretStr | None = Field(
        None, description="Twilio auth token: the voice webhook checks X-Twilio-Signature; unset: not checked."
    )
    twilio_stream_url: str | None = Field(
        None, pattern=r"^wss?://", description="Public wss:// URL of /twilio/stream; unset: from the request's host."
    )
    telnyx_public_key: str | None = Field(
        None, description="Telnyx account public key (base64): the TeXML webhook checks its Ed25519 signature; unset: "
        "not checked."
    )
    telnyx_api_key: SecretStr | None = Field(
        None, description="Telnyx API key: a call is hung up through Telnyx's API when the conversation ends; unset: "
        "when the TeXML pause runs out (the longest call allowed)."
    )
    telnyx_stream_url: str | None = Field(
        None, pattern=r"^wss?://", description="Public wss:// URL of /telnyx/stream; unset: from the request's host."
    )
    phone_stream_secret: SecretStr | None = Field(
        None, description="Signs the phone webhooks' stream tokens, the same on every replica; unset: the Twilio auth "
        "token, else a secret of this process (one replica only)."
    )

    # --- limits --------------------------------------------------------------------------------------------
    max_upload_mb: float = Field(10.0, gt=0)
    max_audio_seconds: float = Field(60.0, gt=0)
    max_text_chars: int = Field(2000, ge=10)

    # --- HTTP service --------------------------------------------------------------------------------------
    api_host: str = "127.0.0.1"
    api_port: int = Field(8000, ge=1, le=65535)
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, description="Comma-separated service keys; callers send X-API-Key."
    )
    allow_public_without_keys: bool = False
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    rate_limit_per_minute: int = Field(120, ge=1)
    redis_url: str | None = Field(
        None, description="Redis URL (redis://host:6379/0): replicas share one rate limit there; unset: per process."
    )
    work_queue_size: int = Field(8, ge=1)
    work_concurrency: int = Field(1, ge=1)
    audio_cache_ttl_s: int = Field(3600, ge=10)
    audio_cache_max_mb: int = Field(200, ge=1)

    # --- logs ----------------------------------------------------------------------------------------------
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_json: bool = True

    # --- tracing -------------------------------------------------------------------------------------------
    otel_exporter_otlp_endpoint: str | None = Field(
        None, description="OTLP/HTTP collector base URL (http://host:4318); unset: no spans are recorded or sent."
    )
    otel_service_name: str = "apitap"

    @field_validator("api_keys", mode="before")
    @classmethod
    def _split_keys(cls, value: object) -> object:
        if isinstance(value, str):
            return [SecretStr(part.strip()) for part in value.split(",") if part.strip()]
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @model_validator(mode="after")
    def _checkpoint_url_for_shared_stores(self) -> Settings:
        if self.checkpointer in (CheckpointerKind.postgres, CheckpointerKind.redis) and not self.checkpoint_url:
            raise ValueError(f"CHECKPOINT_URL is required when CHECKPOINTER={self.checkpointer.value}")
        return self

    @property
    def audio_cache_dir(self) -> Path:
        return self.data_dir / "audio"

    @property
    def sqlite_dir(self) -> Path:
        return self.data_dir / "db"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_dir / 'apitap.db'}"

    @property
    def is_loopback(self) -> bool:
        return self.api_host in ("127.0.0.1", "localhost", "::1")


@lru_cache
def get_settings() -> Settings:
    return Settings()
