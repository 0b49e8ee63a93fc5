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


Language = Literal["en", "es"]


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
    work_queue_size: int = Field(8, ge=1)
    work_concurrency: int = Field(1, ge=1)
    audio_cache_ttl_s: int = Field(3600, ge=10)
    audio_cache_max_mb: int = Field(200, ge=1)

    # --- logs ----------------------------------------------------------------------------------------------
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_json: bool = True

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
